using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>
/// What Cozystack reports about a part of an application: <c>cozystack.io/v1alpha1</c> <c>Workload</c>, namespaced. A
/// bucket's is <c>bucket-bucket-&lt;name&gt;</c> (named after its BucketClaim <c>bucket-&lt;name&gt;</c>); since Cozystack
/// v1.3 its <c>status.resources</c> carries the storage used, where the tenant's monitoring is configured.
/// </summary>
public sealed record Workload : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "cozystack.io";
    public const string Version = "v1alpha1";

    /// <summary>The prefix of a bucket's Workload name.</summary>
    public const string BucketPrefix = "bucket-bucket-";

    /// <summary>The REST resource: <c>/apis/cozystack.io/v1alpha1/namespaces/{ns}/workloads</c>.</summary>
    public static readonly CustomResourceType Resource = new(Group, Version, "workloads", "Workload");

    public string ApiVersion { get; set; } = $"{Group}/{Version}";
    public string Kind { get; set; } = "Workload";
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The status; read tolerantly: one the portal cannot read reports nothing.</summary>
    [JsonConverter(typeof(TolerantJsonConverter<WorkloadStatus>))]
    public WorkloadStatus? Status { get; init; }

    [JsonIgnore]
    public string Name => Metadata.Name ?? string.Empty;

    /// <summary>The Workload name of bucket <paramref name="bucket"/>.</summary>
    public static string ForBucket(string bucket) => BucketPrefix + bucket;

    /// <summary>The bucket a Workload reports on, or null when it is not a bucket's.</summary>
    public static string? BucketOf(string? workloadName) =>
        workloadName is { Length: > 0 } name && name.StartsWith(BucketPrefix, StringComparison.Ordinal) && name.Length > BucketPrefix.Length
            ? name[BucketPrefix.Length..]
            : null;
}

/// <summary>A Workload's status: its kind, whether it works, and the resources it uses (quantities by name).</summary>
public sealed record WorkloadStatus : ITolerantlyRead
{
    /// <summary>Bytes stored in the bucket (logical size).</summary>
    public const string StorageBytes = "s3-storage-bytes";

    /// <summary>Bytes the bucket takes on the disks (with replication).</summary>
    public const string PhysicalStorageBytes = "s3-physical-storage-bytes";

    /// <summary>Buckets behind the Workload (<c>"1"</c>).</summary>
    public const string Buckets = "s3-buckets";

    public string? Kind { get; init; }

    public string? Type { get; init; }

    /// <summary>Whether the storage works (for a bucket: the BucketClaim is ready).</summary>
    public bool? Operational { get; init; }

    /// <summary>Quantities by resource name, as strings (<c>"1536Mi"</c>) or plain numbers.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Resources { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public string? Problem { get; init; }

    /// <summary>The amount of <paramref name="resource"/> (bytes for the storage resources), or null when not reported or unreadable.</summary>
    public long? Amount(string resource) =>
        Resources is not null && Resources.TryGetValue(resource, out var value) ? StorageQuantity.Parse(value) : null;
}
