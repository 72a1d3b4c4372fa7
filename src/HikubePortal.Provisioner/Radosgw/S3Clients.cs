using Amazon.Runtime;
using Amazon.S3;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>AWSSDK.S3 clients set up the way radosgw needs them.</summary>
internal static class S3Clients
{
    /// <summary>
    /// A client for <paramref name="endpoint"/>: path-style addressing, and checksums only when an
    /// operation requires them (radosgw rejects the SDK's default trailing checksums).
    /// </summary>
    public static AmazonS3Client Create(Uri endpoint, string accessKey, string secretKey, string region, TimeSpan timeout, int maxErrorRetry = 0) =>
        new(new BasicAWSCredentials(accessKey, secretKey), Config(endpoint, region, timeout, maxErrorRetry));

    public static AmazonS3Config Config(Uri endpoint, string region, TimeSpan timeout, int maxErrorRetry = 0) => new()
    {
        ServiceURL = endpoint.ToString().TrimEnd('/'),
        AuthenticationRegion = region,
        ForcePathStyle = true,
        UseHttp = endpoint.Scheme == Uri.UriSchemeHttp,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        Timeout = timeout,
        MaxErrorRetry = maxErrorRetry,
    };
}
