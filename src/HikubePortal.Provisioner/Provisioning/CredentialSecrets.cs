using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HikubePortal.Provisioner.Radosgw;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>One user's access to one bucket: what goes into its two Secrets.</summary>
internal sealed record UserAccess(string S3Bucket, string CosiBucket, Uri Endpoint, RgwKey Key)
{
    /// <summary>Keeps the secret key out of logs and exception messages.</summary>
    public override string ToString() => $"UserAccess {{ S3Bucket = {S3Bucket}, AccessKey = {Key.AccessKey} }}";
}

/// <summary>The data of the two Secrets Cozystack &gt;= 1.1 writes per bucket user.</summary>
internal static class CredentialSecrets
{
    public const string BucketInfoKey = "BucketInfo";
    public const string AccessKeyKey = "accessKey";
    public const string SecretKeyKey = "secretKey";
    public const string EndpointKey = "endpoint";
    public const string BucketNameKey = "bucketName";

    // Go's encoding/json (COSI) leaves '+' and '/' alone: so does this.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CredentialsJsonContext.Default,
    };

    /// <summary>The COSI Secret <c>bucket-N-U</c>: one key, <c>BucketInfo</c>, holding the COSI JSON.</summary>
    public static IReadOnlyDictionary<string, string> InfoData(UserAccess access) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [BucketInfoKey] = BucketInfo(access) };

    /// <summary>The tenant-readable Secret <c>bucket-N-U-credentials</c>; the endpoint loses its scheme, as Cozystack writes it.</summary>
    public static IReadOnlyDictionary<string, string> CredentialsData(UserAccess access) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AccessKeyKey] = access.Key.AccessKey,
            [SecretKeyKey] = access.Key.SecretKey,
            [EndpointKey] = WithoutScheme(access.Endpoint),
            [BucketNameKey] = access.S3Bucket,
        };

    /// <summary>The COSI <c>BucketInfo</c> JSON, in the shape and key order COSI v0.2 writes.</summary>
    public static string BucketInfo(UserAccess access) => JsonSerializer.Serialize(
        new BucketInfoJson(
            new BucketInfoMetadata(access.CosiBucket, null),
            new BucketInfoSpec(
                access.S3Bucket,
                "KEY",
                new SecretS3(Endpoint(access.Endpoint), string.Empty, access.Key.AccessKey, access.Key.SecretKey),
                null,
                ["s3"])),
        JsonOptions);

    /// <summary>The endpoint as COSI writes it: scheme and authority, no trailing slash.</summary>
    public static string Endpoint(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public static string WithoutScheme(Uri endpoint) =>
        Endpoint(endpoint)[(endpoint.Scheme.Length + Uri.SchemeDelimiter.Length)..];
}

internal sealed record BucketInfoJson(
    [property: JsonPropertyName("metadata")] BucketInfoMetadata Metadata,
    [property: JsonPropertyName("spec")] BucketInfoSpec Spec);

internal sealed record BucketInfoMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("creationTimestamp")] string? CreationTimestamp);

internal sealed record BucketInfoSpec(
    [property: JsonPropertyName("bucketName")] string BucketName,
    [property: JsonPropertyName("authenticationType")] string AuthenticationType,
    [property: JsonPropertyName("secretS3")] SecretS3 SecretS3,
    [property: JsonPropertyName("secretAzure")] object? SecretAzure,
    [property: JsonPropertyName("protocols")] IReadOnlyList<string> Protocols);

internal sealed record SecretS3(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("accessKeyID")] string AccessKeyId,
    [property: JsonPropertyName("accessSecretKey")] string AccessSecretKey)
{
    public override string ToString() => $"SecretS3 {{ Endpoint = {Endpoint}, AccessKeyId = {AccessKeyId} }}";
}

[JsonSerializable(typeof(BucketInfoJson))]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext;
