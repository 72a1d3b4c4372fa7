using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>
/// Bucket operations over S3 as the radosgw admin (who owns every provisioned bucket): create (with
/// object lock) and bucket policy. Failures throw <see cref="RadosgwException"/>.
/// </summary>
internal sealed class RadosgwBuckets : IDisposable
{
    /// <summary>Default retention of a bucket created with object lock, as Cozystack sets it.</summary>
    public const int LockRetentionDays = 365;

    private readonly AmazonS3Client _s3;
    private readonly RadosgwRetry _retry;

    public RadosgwBuckets(IOptions<RadosgwOptions> options, RadosgwRetry retry)
    {
        var settings = options.Value;
        _s3 = S3Clients.Create(settings.EndpointUri, settings.AdminAccessKey, settings.AdminSecretKey, settings.Region, settings.Timeout);
        _retry = retry;
    }

    /// <summary>True when the bucket exists and the admin owns it; <see cref="RadosgwErrorKind.Conflict"/> when someone else does.</summary>
    public Task<bool> ExistsAsync(string bucket, CancellationToken cancellationToken) =>
        CallAsync("head bucket", async ct =>
        {
            try
            {
                await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, ct);
                return true;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new RadosgwException(RadosgwErrorKind.Conflict, "BucketAlreadyExists",
                    "radosgw head bucket: the bucket belongs to another user", e);
            }
        }, cancellationToken);

    /// <summary>Creates the bucket (idempotent); with <paramref name="objectLock"/>, COMPLIANCE retention by default.</summary>
    public Task<bool> CreateAsync(string bucket, bool objectLock, CancellationToken cancellationToken) =>
        CallAsync("create bucket", async ct =>
        {
            try
            {
                await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectLockEnabledForBucket = objectLock }, ct);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
            {
                // created by an earlier attempt
            }

            if (objectLock)
            {
                await _s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
                {
                    BucketName = bucket,
                    ObjectLockConfiguration = new ObjectLockConfiguration
                    {
                        ObjectLockEnabled = ObjectLockEnabled.Enabled,
                        Rule = new ObjectLockRule
                        {
                            DefaultRetention = new DefaultRetention { Mode = ObjectLockRetentionMode.Compliance, Days = LockRetentionDays },
                        },
                    },
                }, ct);
            }

            return true;
        }, cancellationToken);

    /// <summary>The stored bucket policy text, or null when there is none.</summary>
    public Task<string?> GetPolicyAsync(string bucket, CancellationToken cancellationToken) =>
        CallAsync("get bucket policy", async ct =>
        {
            try
            {
                var response = await _s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, ct);

                // AWSSDK.S3 4.0 hands radosgw's 404 NoSuchBucketPolicy back as the policy text (an XML error): no policy.
                return response.HttpStatusCode == HttpStatusCode.OK && response.Policy?.TrimStart().StartsWith('{') == true
                    ? response.Policy
                    : null;
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucketPolicy")
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>Replaces the bucket policy, or removes it when <paramref name="policy"/> is null.</summary>
    public Task<bool> SetPolicyAsync(string bucket, string? policy, CancellationToken cancellationToken) =>
        CallAsync("put bucket policy", async ct =>
        {
            if (policy is null)
            {
                await _s3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket }, ct);
            }
            else
            {
                await _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }, ct);
            }

            return true;
        }, cancellationToken);

    public void Dispose() => _s3.Dispose();

    internal static RadosgwException Translate(string operation, Exception exception) => exception switch
    {
        RadosgwException known => known,
        AmazonServiceException { StatusCode: var status } service when (int)status > 0 =>
            new RadosgwException(RadosgwException.KindOf((int)status), service.ErrorCode ?? status.ToString(),
                $"radosgw {operation}: {(int)status} {service.ErrorCode}", service),
        AmazonClientException or AmazonServiceException or HttpRequestException or IOException =>
            new RadosgwException(RadosgwErrorKind.Unavailable, "Connection", $"radosgw {operation}: unreachable", exception),
        TaskCanceledException or TimeoutException =>
            new RadosgwException(RadosgwErrorKind.Unavailable, "Timeout", $"radosgw {operation}: timed out", exception),
        _ => new RadosgwException(RadosgwErrorKind.Unavailable, exception.GetType().Name, $"radosgw {operation}: failed", exception),
    };

    private async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            try
            {
                return await call(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw Translate(operation, e);
            }
        }, cancellationToken);
}
