using System.Text.Json.Serialization;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>One S3 key pair of a radosgw user.</summary>
internal sealed record RgwKey(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("access_key")] string AccessKey,
    [property: JsonPropertyName("secret_key")] string SecretKey)
{
    /// <summary>Keeps the secret key out of logs and exception messages.</summary>
    public override string ToString() => $"RgwKey {{ User = {User}, AccessKey = {AccessKey} }}";
}

/// <summary>What the admin API says about a user (the fields the provisioner uses).</summary>
internal sealed record RgwUser(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("max_buckets")] int MaxBuckets,
    [property: JsonPropertyName("suspended")] int Suspended,
    [property: JsonPropertyName("keys")] IReadOnlyList<RgwKey> Keys);

/// <summary>
/// Size, object count and space taken on the disks (<c>size_actual</c>: objects rounded up to whole allocation units) of a
/// bucket, from <c>/admin/bucket?stats</c>.
/// </summary>
internal sealed record RgwBucketStats(string Bucket, string Owner, long SizeBytes, long Objects, long AllocatedBytes = 0);

internal sealed record RgwBucketStatsJson(
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("usage")] Dictionary<string, RgwUsageJson>? Usage);

internal sealed record RgwUsageJson(
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("num_objects")] long NumObjects,
    [property: JsonPropertyName("size_actual")] long SizeActual = 0);

internal sealed record RgwErrorJson([property: JsonPropertyName("Code")] string? Code);

[JsonSerializable(typeof(RgwUser))]
[JsonSerializable(typeof(List<RgwKey>))]
[JsonSerializable(typeof(RgwBucketStatsJson))]
[JsonSerializable(typeof(List<RgwBucketStatsJson>))]
[JsonSerializable(typeof(RgwErrorJson))]
internal sealed partial class RadosgwJsonContext : JsonSerializerContext;
