using HikubePortal.Application.Common;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.Application.Objects;

/// <summary>
/// How to reach one bucket with one S3 identity: what a bucket credential Secret holds. The portal
/// builds it from the Kubernetes Secret for the action at hand (a read-only user for reads when one
/// exists, a read-write user for writes). <see cref="ToString"/> never prints the keys.
/// </summary>
public sealed record BucketAccess(
    string AccessKey,
    string SecretKey,
    Uri Endpoint,
    string Region,
    string BucketName,
    bool ReadOnly)
{
    /// <summary>The region when the credentials name none (radosgw accepts any).</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>
    /// From the values of a credential Secret: an endpoint without a scheme gets <c>https://</c>,
    /// an empty region becomes <see cref="DefaultRegion"/>.
    /// </summary>
    public static BucketAccess FromCredentials(
        string accessKey, string secretKey, string endpoint, string? region, string bucketName, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var text = endpoint.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new InvalidException("The bucket's endpoint is not an http(s) address.");
        }
        return new BucketAccess(accessKey, secretKey, uri,
            string.IsNullOrWhiteSpace(region) ? DefaultRegion : region.Trim(), bucketName, readOnly);
    }

    /// <summary>From credentials read from a bucket's Secret (any of the formats the Kubernetes layer reads).</summary>
    public static BucketAccess From(BucketCredentials credentials, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new BucketAccess(credentials.AccessKey, credentials.SecretKey, credentials.Endpoint,
            string.IsNullOrWhiteSpace(credentials.Region) ? DefaultRegion : credentials.Region, credentials.BucketName, readOnly);
    }

    /// <summary>Bucket, endpoint and mode only: safe for logs and exception messages.</summary>
    public override string ToString() =>
        $"BucketAccess {{ BucketName = {BucketName}, Endpoint = {Endpoint}, ReadOnly = {ReadOnly} }}";
}
