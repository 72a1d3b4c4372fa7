using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>Talks to radosgw with a bucket user's keys, as a client of the bucket would.</summary>
public static class S3Probe
{
    public static AmazonS3Client Client(string accessKey, string secretKey) => new(
        new BasicAWSCredentials(accessKey, secretKey),
        new AmazonS3Config
        {
            ServiceURL = LocalPlatform.Current.S3Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
        });

    /// <summary>Whether the keys may list the bucket (false on 403 AccessDenied / InvalidAccessKeyId).</summary>
    public static async Task<bool> CanListAsync(string accessKey, string secretKey, string s3Bucket)
    {
        using var client = Client(accessKey, secretKey);
        try
        {
            await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3Bucket, MaxKeys = 1 });
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            return false;
        }
    }

    /// <summary>Puts small objects under <paramref name="keys"/>.</summary>
    public static async Task PutAsync(string accessKey, string secretKey, string s3Bucket, params string[] keys)
    {
        using var client = Client(accessKey, secretKey);
        foreach (var key in keys)
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = s3Bucket, Key = key, ContentBody = $"content of {key}" });
        }
    }
}
