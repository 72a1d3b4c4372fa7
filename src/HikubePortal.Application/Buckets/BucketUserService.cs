using System.Text.Json.Nodes;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Buckets;

/// <summary>Changes <c>spec.users</c> with JSON merge patches guarded by the resourceVersion read just before.</summary>
internal sealed class BucketUserService(
    BucketApi buckets,
    IKubernetes kube,
    TenantScopes scopes,
    IAuditLog audit,
    TimeProvider time,
    IOptions<BucketsOptions> options) : IBucketUserService
{
    private static readonly TimeSpan RevocationPoll = TimeSpan.FromMilliseconds(250);

    public async Task AddAsync(string tenant, string bucket, string user, bool readOnlyAccess, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        if (NewBucketRules.UserProblem(bucket, user) is { } problem)
        {
            throw InvalidException.For("User", problem);
        }
        var current = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        if (current.Users.ContainsKey(user))
        {
            throw new ConflictException($"Bucket {bucket} already has a user {user}.");
        }
        await PatchUserAsync(scope, current, user, Access(readOnlyAccess), cancellationToken);
        await AuditAsync(scope, AuditActions.BucketUserAdded, bucket, user, readOnlyAccess ? "read-only" : "read-write", cancellationToken);
    }

    public async Task RemoveAsync(string tenant, string bucket, string user, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        var current = await RequireUserAsync(scope, bucket, user, cancellationToken);
        await PatchUserAsync(scope, current, user, null, cancellationToken);
        await AuditAsync(scope, AuditActions.BucketUserRemoved, bucket, user, null, cancellationToken);
    }

    public async Task SetReadOnlyAsync(string tenant, string bucket, string user, bool readOnlyAccess, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        var current = await RequireUserAsync(scope, bucket, user, cancellationToken);
        if (current.Users[user].Readonly == readOnlyAccess)
        {
            return;
        }
        await PatchUserAsync(scope, current, user, new JsonObject { ["readonly"] = readOnlyAccess }, cancellationToken);
        await AuditAsync(scope, AuditActions.BucketUserChanged, bucket, user, readOnlyAccess ? "now read-only" : "now read-write", cancellationToken);
    }

    public async Task RotateAsync(string tenant, string bucket, string user, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        var current = await RequireUserAsync(scope, bucket, user, cancellationToken);
        var readOnly = current.Users[user].Readonly;
        var secretName = BucketNames.CredentialsSecretName(bucket, user);
        var issued = await ClusterErrors.RunAsync(scope, bucket,
            () => new KubernetesSecretSource(kube, scope.As).GetSecretAsync(scope.Namespace, secretName, cancellationToken));

        await PatchUserAsync(scope, current, user, null, cancellationToken);
        var revoked = issued is null || await WaitForRevocationAsync(scope, bucket, secretName, issued.Metadata?.Uid, cancellationToken);
        // Read again: the platform changed the status (and resourceVersion) meanwhile.
        var fresh = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        if (!fresh.Users.ContainsKey(user))
        {
            await PatchUserAsync(scope, fresh, user, Access(readOnly), cancellationToken);
        }
        if (!revoked)
        {
            await AuditAsync(scope, AuditActions.BucketUserRotated, bucket, user, "old keys not revoked in time", cancellationToken, AuditOutcome.Failure);
            throw new UnavailableException(
                $"The platform did not revoke the old keys of {user} within {options.Value.RotationTimeout.TotalSeconds:0} seconds, so they may still work. Try rotating again in a moment.");
        }
        await AuditAsync(scope, AuditActions.BucketUserRotated, bucket, user, "old keys revoked", cancellationToken);
    }

    private async Task<bool> WaitForRevocationAsync(TenantScope scope, string bucket, string secretName, string? uid, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.RotationTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            while (true)
            {
                var secret = await ClusterErrors.RunAsync(scope, bucket,
                    () => new KubernetesSecretSource(kube, scope.As).GetSecretAsync(scope.Namespace, secretName, linked.Token));
                if (secret is null || secret.Metadata?.Uid != uid)
                {
                    return true;
                }
                await Task.Delay(RevocationPoll, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<Bucket> RequireUserAsync(TenantScope scope, string bucket, string user, CancellationToken cancellationToken)
    {
        var current = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        return current.Users.ContainsKey(user)
            ? current
            : throw new NotFoundException($"Bucket {bucket} has no user {user}.");
    }

    /// <summary>
    /// Sets (or with null removes) one entry of <c>spec.users</c>, only if the bucket's spec did not change since it was
    /// read. The platform writes the status right after every change (a new resourceVersion, the same generation): such
    /// a conflict is not the user's, so the patch is sent again on the fresh version, a few times at most.
    /// </summary>
    private async Task<Bucket> PatchUserAsync(TenantScope scope, Bucket current, string user, JsonNode? value, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata.ResourceVersion },
                ["spec"] = new JsonObject { ["users"] = new JsonObject { [user] = value?.DeepClone() } },
            };
            try
            {
                return await ClusterErrors.RunAsync(scope, current.Name,
                    () => buckets.PatchAsync(scope.Namespace, current.Name, patch.ToJsonString(), scope.As, cancellationToken));
            }
            catch (ConflictException) when (attempt < 4)
            {
                var fresh = await BucketService.GetBucketAsync(buckets, scope, current.Name, cancellationToken);
                if (fresh.Metadata.Generation != current.Metadata.Generation)
                {
                    throw; // someone changed the spec meanwhile: the user must see it first
                }
                current = fresh;
            }
        }
    }

    private static JsonObject Access(bool readOnly) => readOnly ? new JsonObject { ["readonly"] = true } : [];

    private Task AuditAsync(TenantScope scope, string action, string bucket, string user, string? detail, CancellationToken cancellationToken, AuditOutcome outcome = AuditOutcome.Success) =>
        audit.WriteAsync(new AuditRecord(action, outcome, scope.Tenant, BucketAudit.Target(bucket, user), detail), cancellationToken);
}
