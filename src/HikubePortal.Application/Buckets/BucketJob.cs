namespace HikubePortal.Application.Buckets;

/// <summary>Where a background job is.</summary>
public enum BucketJobState
{
    /// <summary>Waiting for a portal replica to take it.</summary>
    Queued,

    /// <summary>A replica works on it (it holds the lease).</summary>
    Running,

    Succeeded,

    Failed,
}

/// <summary>What a background job does.</summary>
public enum BucketJobKind
{
    /// <summary>Delete every object, then ask the platform to delete the bucket.</summary>
    EmptyAndDelete,

    /// <summary>Delete every object under some folders of the bucket (<see cref="BucketJob.Prefixes"/>).</summary>
    DeleteFolders,
}

/// <summary>
/// A background job on a bucket, kept in PostgreSQL so its progress survives page reloads and portal restarts.
/// The replica that runs it holds a lease (<see cref="LeaseOwner"/> until <see cref="LeaseUntil"/>); when a
/// replica stops, another one takes the job over once the lease ran out.
/// </summary>
public sealed class BucketJob
{
    public Guid Id { get; set; }

    public BucketJobKind Kind { get; set; }

    public BucketJobState State { get; set; }

    public required string Tenant { get; set; }

    public required string Bucket { get; set; }

    /// <summary>The bucket's uid when the job was asked for: a bucket re-created with the same name is left alone.</summary>
    public string? BucketUid { get; set; }

    public Guid? RequestedById { get; set; }

    /// <summary>Who asked (email, lower case): the job acts on the cluster as this user.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>The group impersonated with <see cref="RequestedBy"/> (the tenant's admin group).</summary>
    public string? ImpersonateGroup { get; set; }

    /// <summary>The folders of a <see cref="BucketJobKind.DeleteFolders"/> job, as a JSON array of prefixes.</summary>
    public string? Prefixes { get; set; }

    /// <summary>Objects counted when the job was asked for (bounded), for a progress bar.</summary>
    public long? ObjectsEstimated { get; set; }

    public bool EstimateComplete { get; set; }

    public long ObjectsDeleted { get; set; }

    public long ObjectsFailed { get; set; }

    /// <summary>Plain words about the current step or the outcome; never a secret.</summary>
    public string? Message { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>A job as pages show it.</summary>
public sealed record BucketJobView(
    Guid Id,
    BucketJobKind Kind,
    IReadOnlyList<string> Prefixes,
    string Bucket,
    BucketJobState State,
    long Deleted,
    long Failed,
    long? Estimated,
    bool EstimateComplete,
    string? Message,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsActive => State is BucketJobState.Queued or BucketJobState.Running;

    /// <summary>0-100 when the total is known, else null.</summary>
    public int? Percent => Estimated is > 0 && EstimateComplete ? (int)Math.Min(100, Deleted * 100 / Estimated.Value) : null;

    public static BucketJobView From(BucketJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new BucketJobView(job.Id, job.Kind, BucketJobPrefixes.Parse(job.Prefixes), job.Bucket, job.State, job.ObjectsDeleted, job.ObjectsFailed, job.ObjectsEstimated,
            job.EstimateComplete, job.Message, job.RequestedBy, job.CreatedAt, job.UpdatedAt, job.FinishedAt);
    }
}

/// <summary>Where jobs are kept (PostgreSQL; implemented by the Data project).</summary>
public interface IBucketJobStore
{
    /// <summary>Adds a queued job. Conflict when the bucket already has a job queued or running.</summary>
    Task AddAsync(BucketJob job, CancellationToken cancellationToken);

    /// <summary>The bucket's newest job, or null.</summary>
    Task<BucketJob?> LatestAsync(string tenant, string bucket, CancellationToken cancellationToken);

    /// <summary>A job by id, or null.</summary>
    Task<BucketJob?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Takes one queued or running job whose lease ran out (or was released) for <paramref name="owner"/>; null when none.</summary>
    Task<BucketJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Saves progress and extends the lease; false when <paramref name="owner"/> lost the job to another replica.</summary>
    Task<bool> ReportAsync(Guid id, string owner, long deleted, long failed, string? message, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Ends the job (Succeeded or Failed) and releases the lease.</summary>
    Task FinishAsync(Guid id, string owner, BucketJobState state, string message, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Lets another replica take the job at once (this one is stopping).</summary>
    Task ReleaseAsync(Guid id, string owner, CancellationToken cancellationToken);
}

/// <summary>The folders of a folder-delete job, kept as a JSON array (keys may hold any character).</summary>
public static class BucketJobPrefixes
{
    public static string Format(IReadOnlyList<string> prefixes) => System.Text.Json.JsonSerializer.Serialize(prefixes);

    public static IReadOnlyList<string> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
}
