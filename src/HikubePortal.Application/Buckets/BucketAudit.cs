namespace HikubePortal.Application.Buckets;

/// <summary>How bucket actions name their target in the audit log: <c>bucket</c> or <c>bucket/user</c>.</summary>
public static class BucketAudit
{
    /// <summary>A user switched between read-only and read-write (not among the web host's <c>AuditActions</c> yet).</summary>
    public const string UserChanged = "bucket.user-changed";

    public static string Target(string bucket, string? user = null) => user is null ? bucket : $"{bucket}/{user}";
}
