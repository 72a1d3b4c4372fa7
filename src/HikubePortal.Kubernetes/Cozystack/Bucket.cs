using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>A Cozystack bucket: <c>apps.cozystack.io/v1alpha1</c> <c>Bucket</c>, namespaced (tenant namespaces).</summary>
public sealed record Bucket : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "apps.cozystack.io";
    public const string Version = "v1alpha1";

    /// <summary>The REST resource: <c>/apis/apps.cozystack.io/v1alpha1/namespaces/{ns}/buckets</c>.</summary>
    public static readonly CustomResourceType Resource = new(Group, Version, "buckets", "Bucket");

    public string ApiVersion { get; set; } = $"{Group}/{Version}";
    public string Kind { get; set; } = "Bucket";
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The spec; read tolerantly: a spec the portal cannot read becomes one with a <see cref="BucketSpec.Problem"/>.</summary>
    [JsonConverter(typeof(TolerantJsonConverter<BucketSpec>))]
    public BucketSpec? Spec { get; init; }

    /// <summary>The status; read tolerantly like the spec.</summary>
    [JsonConverter(typeof(TolerantJsonConverter<BucketStatus>))]
    public BucketStatus? Status { get; init; }

    /// <summary>The Kubernetes name (not the S3 bucket name, which the credentials carry).</summary>
    [JsonIgnore]
    public string Name => Metadata.Name ?? string.Empty;

    /// <summary>The namespace (a tenant's).</summary>
    [JsonIgnore]
    public string Namespace => Metadata.NamespaceProperty ?? string.Empty;

    /// <summary>The users of the spec (empty for buckets of platforms before 1.1).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, BucketUser> Users => Spec?.Users ?? new Dictionary<string, BucketUser>();

    /// <summary>The plain-language state derived from status and metadata.</summary>
    [JsonIgnore]
    public BucketState State => BucketState.From(this);

    /// <summary>A new Bucket, ready to create.</summary>
    public static Bucket Create(string ns, string name, BucketSpec? spec = null) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Spec = spec ?? new BucketSpec() };
}

/// <summary>The spec (Cozystack >= 1.1; older platforms have an empty spec).</summary>
public sealed record BucketSpec : ITolerantlyRead
{
    /// <summary>One S3 identity per entry, keyed by user name. No users: no credentials (>= 1.1).</summary>
    public IReadOnlyDictionary<string, BucketUser>? Users { get; init; }

    /// <summary>Object lock (COMPLIANCE, 365 days); cannot be changed after creation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Locking { get; init; }

    /// <summary>Optional storage pool name; empty is stored as absent (the default pool).</summary>
    public string? StoragePool { get => _storagePool; init => _storagePool = string.IsNullOrEmpty(value) ? null : value; }

    private readonly string? _storagePool;

    /// <inheritdoc />
    [JsonIgnore]
    public string? Problem { get; init; }
}

/// <summary>A bucket user's settings (<c>{}</c> = read-write).</summary>
public sealed record BucketUser
{
    /// <summary>Read-only access when true.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Readonly { get; init; }

    public static BucketUser ReadWriteAccess { get; } = new();
    public static BucketUser ReadOnlyAccess { get; } = new() { Readonly = true };
}

/// <summary>The status copied from the platform's release: version and conditions (<c>Ready</c>, <c>Released</c>, <c>WorkloadsReady</c>).</summary>
public sealed record BucketStatus : ITolerantlyRead
{
    public string? Version { get; init; }
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public string? Problem { get; init; }

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public Condition? Find(string type) =>
        Conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));
}
