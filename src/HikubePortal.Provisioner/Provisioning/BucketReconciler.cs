using System.Text.Json.Nodes;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Provisioner.Radosgw;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>A Bucket's place in the work queue.</summary>
internal readonly record struct BucketKey(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>What the worker does next with a key.</summary>
internal enum ReconcileResult
{
    /// <summary>In place (or failed in a way only a spec change can fix): wait for the next change or resync.</summary>
    Done,

    /// <summary>Failed for now: try again after a backoff.</summary>
    Retry,

    /// <summary>The Bucket no longer exists.</summary>
    Gone,
}

/// <summary>
/// Brings one Bucket's storage in line with its spec, idempotently, from the state of the cluster and
/// radosgw alone: the S3 bucket <c>bucket-&lt;uid&gt;</c>, one radosgw user and key per spec user, the
/// bucket policy, the users' Secrets and the status; on delete (finalizer) removes all of it.
/// </summary>
internal sealed partial class BucketReconciler(
    BucketApi buckets,
    IOptions<ProvisionerOptions> options,
    BucketStorage storage,
    SecretWriter secrets,
    BucketStatusWriter status,
    UsageReporter usage,
    ILogger<BucketReconciler> logger)
{
    public async Task<ReconcileResult> ReconcileAsync(BucketKey key, CancellationToken cancellationToken)
    {
        var bucket = await buckets.FindAsync(key.Namespace, key.Name, who: null, cancellationToken);
        if (bucket?.Metadata.Uid is null || !options.Value.Handles(bucket.Metadata.Labels))
        {
            return ReconcileResult.Gone;
        }

        using var scope = logger.BeginScope("Bucket {Bucket}", key);
        if (bucket.Metadata.DeletionTimestamp is not null)
        {
            return await DeleteAsync(bucket, cancellationToken);
        }

        var problems = bucket.Users.Keys.Select(u => BucketNaming.UserNameProblem(bucket.Name, u)).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            await status.WriteAsync(bucket, BucketOutcome.Failed("InvalidSpec", string.Join("; ", problems)), cancellationToken);
            return ReconcileResult.Done;
        }

        if (!Has(bucket, BucketNaming.Finalizer))
        {
            bucket = await SetFinalizersAsync(bucket, [.. bucket.Metadata.Finalizers ?? [], BucketNaming.Finalizer], cancellationToken);
        }

        BucketOutcome outcome;
        try
        {
            outcome = await ProvisionAsync(bucket, cancellationToken);
        }
        catch (Exception e) when (Explain(e) is { } failed)
        {
            LogFailed(logger, key.ToString(), failed.Reason, e.Message);
            outcome = failed;
        }

        await status.WriteAsync(bucket, outcome, cancellationToken);
        if (outcome.Ready)
        {
            await ReportUsageAsync(bucket, cancellationToken);
        }
        return outcome.Ready ? ReconcileResult.Done : ReconcileResult.Retry;
    }

    private async Task<BucketOutcome> ProvisionAsync(Bucket bucket, CancellationToken cancellationToken)
    {
        var ns = bucket.Namespace;
        var uid = bucket.Metadata.Uid!;
        var s3Bucket = BucketNaming.S3Bucket(uid);
        var fresh = await storage.EnsureBucketAsync(s3Bucket, bucket.Spec?.Locking ?? false, cancellationToken);
        if (fresh)
        {
            LogBucketCreated(logger, s3Bucket, bucket.Spec?.Locking ?? false);
        }

        var existing = await secrets.ListAsync(ns, bucket.Name, cancellationToken);
        var accesses = new Dictionary<string, UserAccess>(StringComparer.Ordinal);
        foreach (var user in bucket.Users.Keys.Order(StringComparer.Ordinal))
        {
            var handedOut = existing.GetValueOrDefault(BucketNaming.CredentialsSecret(bucket.Name, user))?.GetString(CredentialSecrets.AccessKeyKey);
            accesses[user] = await storage.EnsureUserAsync(uid, user, $"{ns}/{bucket.Name} {user}", handedOut, fresh, cancellationToken);
        }

        var grants = bucket.Users.Select(u => new BucketGrant(BucketNaming.RgwUser(uid, u.Key), u.Value?.Readonly ?? false)).ToList();
        var granted = await storage.ApplyPolicyAsync(s3Bucket, grants, BucketNaming.AllowedChanges(bucket.Metadata.Labels), fresh, cancellationToken);

        var stale = granted.Select(p => BucketNaming.UserOf(uid, p))
            .Concat(existing.Values.Select(SecretWriter.UserOf))
            .OfType<string>()
            .Where(u => !bucket.Users.ContainsKey(u))
            .Distinct(StringComparer.Ordinal);
        foreach (var user in stale)
        {
            await storage.RemoveUserAsync(uid, user, cancellationToken);
            var deleted = await secrets.DeleteAsync(ns, bucket.Name, user, cancellationToken);
            LogUserRevoked(logger, user, deleted);
        }

        foreach (var (user, access) in accesses)
        {
            foreach (var desired in SecretWriter.Desired(bucket, user, access))
            {
                if (await secrets.ApplyAsync(desired, existing.GetValueOrDefault(desired.Metadata.Name!), cancellationToken))
                {
                    LogSecretWritten(logger, desired.Metadata.Name!);
                }
            }
        }

        return BucketOutcome.Provisioned(accesses.Count == 0
            ? $"S3 bucket {s3Bucket} is ready; it has no users"
            : $"S3 bucket {s3Bucket} is ready with user(s) {string.Join(", ", accesses.Keys)}");
    }

    /// <summary>The Workload (size) of a provisioned Bucket; a failure here only delays it to the next usage pass.</summary>
    private async Task ReportUsageAsync(Bucket bucket, CancellationToken cancellationToken)
    {
        try
        {
            await usage.ReportAsync(bucket, operational: true, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogUsageFailed(logger, $"{bucket.Namespace}/{bucket.Name}", Explain(e)?.Reason ?? e.GetType().Name, e.Message);
        }
    }

    private async Task<ReconcileResult> DeleteAsync(Bucket bucket, CancellationToken cancellationToken)
    {
        if (!Has(bucket, BucketNaming.Finalizer))
        {
            return ReconcileResult.Done;
        }

        var ns = bucket.Namespace;
        var uid = bucket.Metadata.Uid!;
        try
        {
            var existing = await secrets.ListAsync(ns, bucket.Name, cancellationToken);
            var users = await storage.DeleteAsync(uid, bucket.Users.Keys, cancellationToken);
            foreach (var user in users.Concat(existing.Values.Select(SecretWriter.UserOf).OfType<string>()).Distinct(StringComparer.Ordinal))
            {
                await secrets.DeleteAsync(ns, bucket.Name, user, cancellationToken);
            }
        }
        catch (Exception e) when (Explain(e) is { } failed)
        {
            LogFailed(logger, $"{ns}/{bucket.Name}", failed.Reason, e.Message);
            await status.WriteAsync(bucket, failed with { Message = "Deleting: " + failed.Message }, cancellationToken);
            return ReconcileResult.Retry;
        }

        await SetFinalizersAsync(bucket, [.. bucket.Metadata.Finalizers!.Where(f => f != BucketNaming.Finalizer)], cancellationToken);
        var s3Bucket = BucketNaming.S3Bucket(uid);
        LogDeleted(logger, s3Bucket);
        return ReconcileResult.Done;
    }

    private Task<Bucket> SetFinalizersAsync(Bucket bucket, IReadOnlyList<string> finalizers, CancellationToken cancellationToken) =>
        buckets.PatchAsync(bucket.Namespace, bucket.Name,
            new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]),
                    ["resourceVersion"] = bucket.Metadata.ResourceVersion,
                },
            }.ToJsonString(),
            who: null, cancellationToken, fieldManager: BucketNaming.ManagedByValue);

    private static bool Has(Bucket bucket, string finalizer) => bucket.Metadata.Finalizers?.Contains(finalizer) ?? false;

    /// <summary>The status for a failure the provisioner expects and retries; null for anything else.</summary>
    internal static BucketOutcome? Explain(Exception exception) => exception switch
    {
        RadosgwException { Kind: RadosgwErrorKind.Unavailable } => BucketOutcome.Failed("RadosgwUnavailable", "radosgw unreachable — will retry"),
        RadosgwException { Kind: RadosgwErrorKind.Conflict, Code: "BucketAlreadyExists" } =>
            BucketOutcome.Failed("BucketConflict", "the S3 bucket name is taken by another radosgw user — will retry"),
        RadosgwException { Kind: RadosgwErrorKind.Forbidden } e => BucketOutcome.Failed("RadosgwForbidden", $"{e.Message}: check the admin keys and caps — will retry"),
        RadosgwException e => BucketOutcome.Failed("RadosgwError", $"{e.Message} — will retry"),
        SecretConflictException e => BucketOutcome.Failed("SecretConflict", $"{e.Message} — will retry"),
        KubernetesConflictException => BucketOutcome.Failed("Conflict", "the Bucket or a Secret changed meanwhile — will retry"),
        KubernetesException e and not KubernetesUnavailableException => BucketOutcome.Failed("KubernetesError", $"{e.Message} — will retry"),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bucket {Bucket} not ready ({Reason}): {Error}")]
    private static partial void LogFailed(ILogger logger, string bucket, string reason, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workload of Bucket {Bucket} not written ({Reason}): {Error}")]
    private static partial void LogUsageFailed(ILogger logger, string bucket, string reason, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created S3 bucket {S3Bucket} (object lock: {Locking})")]
    private static partial void LogBucketCreated(ILogger logger, string s3Bucket, bool locking);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked user {User}: radosgw user and keys removed, {Secrets} Secret(s) deleted")]
    private static partial void LogUserRevoked(ILogger logger, string user, int secrets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote Secret {Secret}")]
    private static partial void LogSecretWritten(ILogger logger, string secret);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted S3 bucket {S3Bucket} with its objects, users and Secrets; finalizer released")]
    private static partial void LogDeleted(ILogger logger, string s3Bucket);
}
