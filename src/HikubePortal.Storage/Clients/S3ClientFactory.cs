using Amazon.Runtime;
using Amazon.S3;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Clients;

/// <summary>Builds the S3 client for one credential, with the settings radosgw needs.</summary>
internal static class S3ClientFactory
{
    public static IAmazonS3 Create(BucketAccess access, ObjectStorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = access.Endpoint.ToString(),
            AuthenticationRegion = access.Region,
            ForcePathStyle = true,
            // radosgw rejects the SDK's default trailing checksums (400 XAmzContentSHA256Mismatch).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = options.RequestTimeout,
            MaxErrorRetry = options.MaxErrorRetry,
        };
        return new PortalS3Client(new BasicAWSCredentials(access.AccessKey, access.SecretKey), config);
    }
}
