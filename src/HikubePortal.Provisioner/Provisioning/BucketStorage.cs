using HikubePortal.Provisioner.Radosgw;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>The radosgw side of a Bucket: its S3 bucket, users, keys and policy (CORS is left to the bucket's users).</summary>
internal sealed partial class BucketStorage(
    RadosgwAdminClient admin,
    RadosgwBuckets buckets,
    RadosgwUsers users,
    IOptions<ProvisionerOptions> options,
    IOptions<RadosgwOptions> radosgw,
    ILogger<BucketStorage> logger)
{
    private Uri Endpoint => string.IsNullOrWhiteSpace(options.Value.PublicEndpoint)
        ? radosgw.Value.EndpointUri
        : new Uri(options.Value.PublicEndpoint, UriKind.Absolute);

    /// <summary>Creates the S3 bucket when it is missing; answers whether it was created.</summary>
    public async Task<bool> EnsureBucketAsync(string s3Bucket, bool locking, CancellationToken cancellationToken)
    {
        if (await buckets.ExistsAsync(s3Bucket, cancellationToken))
        {
            return false;
        }

        await buckets.CreateAsync(s3Bucket, locking, cancellationToken);
        return true;
    }

    /// <summary>The radosgw user of <paramref name="user"/> with its one key, created when missing.</summary>
    /// <param name="fresh">The bucket was just created, so the user most likely does not exist yet.</param>
    public async Task<UserAccess> EnsureUserAsync(string bucketUid, string user, string displayName, string? handedOutAccessKey, bool fresh, CancellationToken cancellationToken)
    {
        var key = await users.EnsureAsync(BucketNaming.RgwUser(bucketUid, user), displayName, handedOutAccessKey, fresh, cancellationToken);
        return new UserAccess(BucketNaming.S3Bucket(bucketUid), BucketNaming.CosiBucket(bucketUid), Endpoint, key);
    }

    /// <summary>
    /// Makes the bucket policy grant exactly <paramref name="grants"/>; answers the radosgw users the
    /// policy named before (so users no longer granted can be found and removed).
    /// </summary>
    /// <param name="fresh">The bucket was just created: it has no policy yet.</param>
    /// <param name="changes">Which settings read-write users may change (the platform's choice).</param>
    public async Task<IReadOnlySet<string>> ApplyPolicyAsync(
        string s3Bucket, IReadOnlyCollection<BucketGrant> grants, SettingChanges changes, bool fresh, CancellationToken cancellationToken)
    {
        var current = fresh ? null : await buckets.GetPolicyAsync(s3Bucket, cancellationToken);
        var wanted = BucketPolicy.Document(s3Bucket, grants, changes);
        if (!string.Equals(current?.Trim(), wanted, StringComparison.Ordinal))
        {
            await buckets.SetPolicyAsync(s3Bucket, wanted, cancellationToken);
            LogPolicyWritten(logger, s3Bucket, grants.Count);
        }

        return BucketPolicy.Principals(current);
    }

    /// <summary>Removes the radosgw user of <paramref name="user"/> with its keys (its access ends at once).</summary>
    public Task<bool> RemoveUserAsync(string bucketUid, string user, CancellationToken cancellationToken) =>
        admin.RemoveUserAsync(BucketNaming.RgwUser(bucketUid, user), cancellationToken);

    /// <summary>
    /// Removes the users (those of the spec and any the policy still names), then the bucket with all
    /// its objects. Answers the user names removed or already gone.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string bucketUid, IEnumerable<string> specUsers, CancellationToken cancellationToken)
    {
        var s3Bucket = BucketNaming.S3Bucket(bucketUid);
        string? policy;
        try
        {
            policy = await buckets.GetPolicyAsync(s3Bucket, cancellationToken);
        }
        catch (RadosgwException e) when (e.Kind == RadosgwErrorKind.NotFound)
        {
            policy = null;
        }

        var all = specUsers
            .Concat(BucketPolicy.Principals(policy).Select(p => BucketNaming.UserOf(bucketUid, p)).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var user in all)
        {
            await RemoveUserAsync(bucketUid, user, cancellationToken);
        }

        await admin.RemoveBucketAsync(s3Bucket, cancellationToken);
        return all;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket policy of {S3Bucket} now grants {Users} user(s)")]
    private static partial void LogPolicyWritten(ILogger logger, string s3Bucket, int users);
}
