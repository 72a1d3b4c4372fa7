namespace HikubePortal.Application.Objects;

/// <summary>
/// What a delete did: how many keys were deleted and which failed (the first
/// <see cref="MaxReportedFailures"/> of <paramref name="FailedCount"/>).
/// </summary>
public sealed record DeleteResult(long Deleted, long FailedCount, IReadOnlyList<DeleteFailure> Failures)
{
    public const int MaxReportedFailures = 1000;

    public static DeleteResult None { get; } = new(0, 0, []);
}

/// <summary>One key the storage did not delete, with its S3 error code and a plain message.</summary>
public sealed record DeleteFailure(string Key, string Code, string Message);

/// <summary>Progress of a recursive delete, reported after each batch.</summary>
public sealed record DeleteProgress(long Deleted, long Failed);
