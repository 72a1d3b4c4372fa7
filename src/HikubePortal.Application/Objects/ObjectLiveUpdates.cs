using HikubePortal.Application.Buckets;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes.Watching;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.Application.Objects;

/// <summary>What happened to the bucket an object page shows.</summary>
public enum BucketLiveState
{
    /// <summary>The bucket is there (again).</summary>
    Present,

    /// <summary>Someone asked the platform to delete it: it goes away with its objects.</summary>
    Deleting,

    /// <summary>It is gone.</summary>
    Deleted,
}

/// <summary>
/// Changes an open object page hears about as they happen (role use, checked when subscribing): its bucket being
/// deleted, and the progress of a folder-delete job. Handlers run on background threads; dispose to stop.
/// </summary>
public interface IObjectLiveUpdates
{
    /// <summary>Calls <paramref name="onChange"/> when the bucket starts being deleted, is deleted, or comes back.</summary>
    Task<IDisposable> WatchBucketAsync(string tenant, string bucket, Action<BucketLiveState> onChange, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onChange"/> with each new state of a folder-delete job of the bucket until it ends; null when there is no such job.</summary>
    Task<IAsyncDisposable?> WatchJobAsync(string tenant, string bucket, Guid id, Action<BucketJobView> onChange, CancellationToken cancellationToken);
}

internal sealed class ObjectLiveUpdates(TenantScopes scopes, BucketWatchCaches caches, IBucketJobService jobs, IServiceProvider services) : IObjectLiveUpdates
{
    public async Task<IDisposable> WatchBucketAsync(string tenant, string bucket, Action<BucketLiveState> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var scope = await scopes.OpenAsync(tenant, TenantRole.Use, cancellationToken);
        var cache = caches.Open(scope.Namespace);
        var last = (BucketLiveState?)null;
        return cache.Subscribe(change =>
        {
            if (!cache.IsSynced || (change.Bucket is { } changed && changed.Name != bucket))
            {
                return;
            }
            var now = cache.Find(bucket) switch
            {
                null => BucketLiveState.Deleted,
                { Metadata.DeletionTimestamp: not null } => BucketLiveState.Deleting,
                _ => BucketLiveState.Present,
            };
            if (now != last && (last is not null || now != BucketLiveState.Present))
            {
                last = now;
                onChange(now);
            }
        });
    }

    public async Task<IAsyncDisposable?> WatchJobAsync(string tenant, string bucket, Guid id, Action<BucketJobView> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var job = await jobs.GetFolderJobAsync(tenant, bucket, id, cancellationToken);
        return job is null ? null : BucketJobWatch.Start(job, services.GetRequiredService<BucketJobEvents>(), services.GetRequiredService<IBucketJobStore>(), onChange);
    }
}
