namespace HikubePortal.Application.Buckets;

/// <summary>How bucket actions name their target in the audit log: <c>bucket</c> or <c>bucket/user</c>.</summary>
public static class BucketAudit
{
    public static string Target(string bucket, string? user = null) => user is null ? bucket : $"{bucket}/{user}";
}
