using System.Text.Json.Serialization;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.Application.Buckets;

/// <summary>A user of a bucket's spec: one S3 identity.</summary>
public sealed record BucketUserView(string Name, bool ReadOnly);

/// <summary>A bucket as the list shows it.</summary>
/// <param name="Name">The Kubernetes name (not the S3 bucket name).</param>
/// <param name="State">Provisioning, Ready, Failed (with reason), Deleting.</param>
/// <param name="Users">The spec's users, by name.</param>
/// <param name="Locking">Object lock (COMPLIANCE, 365 days), permanent.</param>
/// <param name="StoragePool">The pool, or null for the default.</param>
/// <param name="CreatedAt">When the resource was created.</param>
/// <param name="SizeBytes">Bytes stored, when the platform reports them (its Workload of the bucket); no object count is reported.</param>
public sealed record BucketSummary(
    string Name,
    BucketState State,
    IReadOnlyList<BucketUserView> Users,
    bool Locking,
    string? StoragePool,
    DateTimeOffset? CreatedAt,
    long? SizeBytes = null)
{
    /// <summary>Ready or Failed: nothing is about to change by itself.</summary>
    [JsonIgnore] // derived: not in a page's persisted state
    public bool IsSettled => State.Phase is BucketPhase.Ready or BucketPhase.Failed;

    [JsonIgnore]
    public int ReadOnlyUsers => Users.Count(u => u.ReadOnly);
}

/// <summary>A bucket with everything its page shows.</summary>
public sealed record BucketDetails(
    BucketSummary Summary,
    string Namespace,
    string? Uid,
    long? Generation,
    string? PlatformVersion,
    DateTimeOffset? DeletionRequestedAt,
    IReadOnlyList<Condition> Conditions)
{
    public string Name => Summary.Name;

    public BucketState State => Summary.State;
}

/// <summary>Builds the views from the Kubernetes resource.</summary>
public static class BucketViews
{
    /// <summary>The list's view of <paramref name="bucket"/>, with the size its <paramref name="workload"/> reports.</summary>
    public static BucketSummary Summary(Bucket bucket, Workload? workload = null)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return new BucketSummary(
            bucket.Name,
            bucket.State,
            [.. bucket.Users.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new BucketUserView(u.Key, u.Value?.Readonly ?? false))],
            bucket.Spec?.Locking ?? false,
            string.IsNullOrWhiteSpace(bucket.Spec?.StoragePool) ? null : bucket.Spec.StoragePool,
            bucket.Metadata.CreationTimestamp,
            workload?.Status?.Amount(WorkloadStatus.StorageBytes));
    }

    public static BucketDetails Details(Bucket bucket, Workload? workload = null)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return new BucketDetails(
            Summary(bucket, workload),
            bucket.Namespace,
            bucket.Metadata.Uid,
            bucket.Metadata.Generation,
            bucket.Status?.Version,
            bucket.Metadata.DeletionTimestamp,
            bucket.Status?.Conditions ?? []);
    }
}
