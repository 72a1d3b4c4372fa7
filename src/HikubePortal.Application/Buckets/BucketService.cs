using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;

namespace HikubePortal.Application.Buckets;

internal sealed class BucketService(
    BucketApi buckets,
    BucketWatchCaches caches,
    TenantScopes scopes,
    IAuditLog audit) : IBucketService
{
    /// <summary>
    /// From the tenant's watch cache: no call to the API server once the cache is open. While the cache cannot follow
    /// the cluster the last known buckets are shown (<see cref="BucketListPage.PausedSince"/>), unless the cluster refuses
    /// access to them now.
    /// </summary>
    public async Task<BucketListPage> ListAsync(string tenant, BucketListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scope = await scopes.OpenAsync(tenant, TenantRole.View, cancellationToken);
        var cache = await OpenSyncedAsync(caches, scope, cancellationToken);
        var revision = cache.Revision; // before the snapshot: a change after it shows as a newer revision
        // The rows are made once per change of the tenant's buckets, not once per page view.
        var rows = BucketRows.Of(cache);
        var page = BucketListing.Apply(rows.Summaries, query);
        return page with { PausedSince = cache.Error is null ? null : cache.FailingSince, Revision = revision };
    }

    /// <summary>The tenant's watch cache once it has listed; the cluster's refusal of the list in words.</summary>
    internal static Task<TenantBucketCache> OpenSyncedAsync(BucketWatchCaches caches, TenantScope scope, CancellationToken cancellationToken) =>
        ClusterErrors.RunAsync(scope, null, async () =>
        {
            var opened = await caches.OpenSyncedAsync(scope.Namespace, cancellationToken);
            return opened.Error is KubernetesForbiddenException forbidden ? throw forbidden : opened;
        });

    /// <summary>From the tenant's watch cache when it has the bucket; else asked (a bucket created a moment ago).</summary>
    public async Task<BucketDetails> GetAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.View, cancellationToken);
        var cache = caches.Open(scope.Namespace);
        var cached = cache.IsSynced && cache.Error is null ? cache.Find(name) : null;
        return BucketViews.Details(cached ?? await GetBucketAsync(buckets, scope, name, cancellationToken), cache.WorkloadOf(name));
    }

    public async Task<BucketNameCheck> CheckNameAsync(string tenant, string? name, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        var value = name?.Trim() ?? string.Empty;
        if (NewBucketRules.NameProblem(value) is { } problem)
        {
            return new BucketNameCheck(value, problem, null);
        }
        try
        {
            var existing = await buckets.FindAsync(scope.Namespace, value, scope.As, cancellationToken);
            return new BucketNameCheck(value, null, existing is null);
        }
        catch (KubernetesException ex)
        {
            return new BucketNameCheck(value, null, null, ClusterErrors.Translate(ex, scope.Access, value).Message);
        }
    }

    public async Task<BucketDetails> CreateAsync(string tenant, NewBucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        bucket = bucket with { Name = bucket.Name.Trim(), StoragePool = string.IsNullOrWhiteSpace(bucket.StoragePool) ? null : bucket.StoragePool.Trim() };
        NewBucketRules.Ensure(bucket);
        var resource = Bucket.Create(scope.Namespace, bucket.Name, new BucketSpec
        {
            Users = bucket.Users.ToDictionary(u => u.Name, u => u.ReadOnly ? BucketUser.ReadOnlyAccess : BucketUser.ReadWriteAccess, StringComparer.Ordinal),
            Locking = bucket.Locking,
            StoragePool = bucket.StoragePool,
        });
        try
        {
            var created = await ClusterErrors.RunAsync(scope, bucket.Name,
                () => buckets.CreateAsync(resource, scope.As, cancellationToken));
            await audit.WriteAsync(new AuditRecord(AuditActions.BucketCreated, Tenant: scope.Tenant, Target: bucket.Name, Detail: Describe(bucket)), cancellationToken);
            return BucketViews.Details(created);
        }
        catch (ConflictException)
        {
            throw InvalidException.For("Name", $"Bucket name {bucket.Name} is already used in {scope.Namespace}.");
        }
        catch (ForbiddenException)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.BucketCreated, AuditOutcome.Denied, scope.Tenant, bucket.Name, "refused by the cluster"), cancellationToken);
            throw;
        }
    }

    public async Task<BucketDeletion> DeleteAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        if (!BucketNames.IsValidBucketName(name))
        {
            return BucketDeletion.AlreadyGone;
        }
        var existing = await ClusterErrors.RunAsync(scope, name,
            () => buckets.FindAsync(scope.Namespace, name, scope.As, cancellationToken));
        if (existing is null)
        {
            return BucketDeletion.AlreadyGone;
        }
        if (existing.Metadata.DeletionTimestamp is not null)
        {
            return BucketDeletion.AlreadyDeleting;
        }
        bool deleted;
        try
        {
            deleted = await ClusterErrors.RunAsync(scope, name,
                () => buckets.DeleteAsync(scope.Namespace, name, scope.As, cancellationToken, uid: existing.Metadata.Uid));
        }
        catch (ForbiddenException)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.BucketDeleted, AuditOutcome.Denied, scope.Tenant, name, "refused by the cluster"), cancellationToken);
            throw;
        }
        if (!deleted)
        {
            return BucketDeletion.AlreadyGone;
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketDeleted, Tenant: scope.Tenant, Target: name), cancellationToken);
        return BucketDeletion.Requested;
    }

    /// <summary>GETs a bucket; NotFound (in words) when absent or when the name cannot be a bucket name.</summary>
    internal static async Task<Bucket> GetBucketAsync(BucketApi buckets, TenantScope scope, string name, CancellationToken cancellationToken)
    {
        if (!BucketNames.IsValidBucketName(name))
        {
            throw new NotFoundException($"Bucket {name} does not exist in {scope.Namespace}.");
        }
        return await ClusterErrors.RunAsync(scope, name,
            () => buckets.GetAsync(scope.Namespace, name, scope.As, cancellationToken));
    }

    private static string Describe(NewBucket bucket) =>
        "users " + string.Join(", ", bucket.Users.Select(u => u.ReadOnly ? $"{u.Name} (read-only)" : u.Name))
        + (bucket.Locking ? "; object locking on" : string.Empty)
        + (bucket.StoragePool is null ? string.Empty : $"; pool {bucket.StoragePool}");
}

/// <summary>A tenant's buckets as list rows, at one revision of its watch cache.</summary>
internal sealed record BucketRows(IReadOnlyList<BucketSummary> Summaries)
{
    /// <summary>The summaries of the cache's buckets with their sizes, made once per change of the tenant's buckets.</summary>
    public static BucketRows Of(TenantBucketCache cache) =>
        cache.Derive(c => new BucketRows([.. c.Buckets.Select(b => BucketViews.Summary(b, c.WorkloadOf(b.Name)))]));
}
