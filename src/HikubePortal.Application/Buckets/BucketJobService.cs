using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Buckets;

/// <summary>Background jobs on buckets, as admins start and follow them.</summary>
public interface IBucketJobService
{
    /// <summary>The bucket's newest job (role admin), or null.</summary>
    Task<BucketJobView?> LatestAsync(string tenant, string bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Queues "empty and delete" (role admin); audited. <paramref name="estimate"/> is the count shown on the
    /// delete page, for the progress bar. Conflict when a job already runs on the bucket.
    /// </summary>
    Task<BucketJobView> StartEmptyAndDeleteAsync(string tenant, string bucket, BucketUsage? estimate, CancellationToken cancellationToken);

    /// <summary>Queues the recursive delete of folders (role use); audited. Conflict when a job already runs on the bucket.</summary>
    Task<BucketJobView> StartDeleteFoldersAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, BucketUsage? estimate, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="progress"/> each time job <paramref name="id"/> of the bucket reports progress or ends (role
    /// admin, checked now). Pushed in-process by the replica that runs the job; a page served by another replica hears
    /// nothing here and reads <see cref="LatestAsync"/> again. Dispose to stop.
    /// </summary>
    Task<IDisposable> FollowAsync(string tenant, string bucket, Guid id, Action<BucketJobView> progress, CancellationToken cancellationToken);

    /// <summary>A folder-delete job of the bucket (role use), or null.</summary>
    Task<BucketJobView?> GetFolderJobAsync(string tenant, string bucket, Guid id, CancellationToken cancellationToken);
}

internal sealed class BucketJobService(
    BucketApi buckets,
    TenantScopes scopes,
    IBucketJobStore store,
    ICurrentUser user,
    IAuditLog audit,
    TimeProvider time,
    IOptions<TenancyOptions> tenancy,
    BucketJobEvents events) : IBucketJobService
{
    public async Task<BucketJobView?> LatestAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        var job = await store.LatestAsync(scope.Tenant, bucket, cancellationToken);
        // A finished folder delete is the object browser's business; a running one matters here (it blocks emptying).
        return job is null || (job.Kind == BucketJobKind.DeleteFolders && job.State is not (BucketJobState.Queued or BucketJobState.Running))
            ? null
            : BucketJobView.From(job);
    }

    public async Task<BucketJobView> StartEmptyAndDeleteAsync(string tenant, string bucket, BucketUsage? estimate, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        var job = await QueueAsync(scope, bucket, BucketJobKind.EmptyAndDelete, null, estimate, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketDeleted, Tenant: scope.Tenant, Target: bucket,
            Detail: "empty and delete started" + Estimate(estimate)), cancellationToken);
        return BucketJobView.From(job);
    }

    public async Task<BucketJobView> StartDeleteFoldersAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, BucketUsage? estimate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var scope = await scopes.OpenAsync(tenant, TenantRole.Use, cancellationToken);
        var job = await QueueAsync(scope, bucket, BucketJobKind.DeleteFolders, BucketJobPrefixes.Format(prefixes), estimate, cancellationToken);
        var names = string.Join(", ", prefixes.Take(5)) + (prefixes.Count > 5 ? $" and {prefixes.Count - 5} more" : string.Empty);
        var detail = $"folder delete started: {names}{Estimate(estimate)}";
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectDeleted, Tenant: scope.Tenant, Target: bucket,
            Detail: detail.Length > 1024 ? detail[..1023] + "…" : detail), cancellationToken);
        return BucketJobView.From(job);
    }

    public async Task<IDisposable> FollowAsync(string tenant, string bucket, Guid id, Action<BucketJobView> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var scope = await scopes.OpenAsync(tenant, TenantRole.Admin, cancellationToken);
        var job = await store.GetAsync(id, cancellationToken);
        if (job is null || job.Tenant != scope.Tenant || job.Bucket != bucket)
        {
            throw new NotFoundException($"Bucket {bucket} has no such job.");
        }
        return events.Subscribe(id, progress);
    }

    public async Task<BucketJobView?> GetFolderJobAsync(string tenant, string bucket, Guid id, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Use, cancellationToken);
        var job = await store.GetAsync(id, cancellationToken);
        return job is { Kind: BucketJobKind.DeleteFolders } && job.Tenant == scope.Tenant && job.Bucket == bucket ? BucketJobView.From(job) : null;
    }

    private static string Estimate(BucketUsage? estimate) =>
        estimate is null ? string.Empty : $" ({(estimate.Complete ? string.Empty : "more than ")}{estimate.Objects} objects)";

    private async Task<BucketJob> QueueAsync(TenantScope scope, string bucket, BucketJobKind kind, string? prefixes, BucketUsage? estimate, CancellationToken cancellationToken)
    {
        var resource = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            throw new ConflictException($"Bucket {bucket} is already being deleted.");
        }
        var now = time.GetUtcNow();
        var job = new BucketJob
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Prefixes = prefixes,
            State = BucketJobState.Queued,
            Tenant = scope.Tenant,
            Bucket = bucket,
            BucketUid = resource.Metadata.Uid,
            RequestedById = user.Id,
            RequestedBy = (user.Email ?? "unknown").ToLowerInvariant(),
            ImpersonateGroup = tenancy.Value.ImpersonateUsers ? scope.As?.Group : null,
            ObjectsEstimated = estimate?.Objects,
            EstimateComplete = estimate?.Complete ?? false,
            Message = "Waiting to start.",
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.AddAsync(job, cancellationToken);
        return job;
    }
}
