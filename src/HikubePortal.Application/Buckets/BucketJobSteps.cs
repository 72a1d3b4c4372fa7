using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// What every bucket job does the same way: checks its requester, acts in the cluster as them, finds the bucket and a
/// read-write user's credentials, deletes a prefix while reporting progress and holding its lease.
/// </summary>
internal sealed class BucketJobSteps(
    BucketApi buckets,
    IKubernetes kube,
    IObjectStorage storage,
    IBucketJobStore store,
    IPortalDb db,
    TimeProvider time,
    IOptions<BucketsOptions> options,
    IOptions<TenancyOptions> tenancy,
    BucketJobEvents events)
{
    /// <summary>The reason a job must not run as its requester any more (disabled, gone), or null.</summary>
    public async Task<string?> RequesterProblemAsync(BucketJob job, CancellationToken cancellationToken)
    {
        var requester = await db.Users.AsNoTracking().Where(u => u.Id == job.RequestedById).Select(u => new { u.DisabledAt }).FirstOrDefaultAsync(cancellationToken);
        return requester is null || requester.DisabledAt is not null ? $"Stopped: the account of {job.RequestedBy} is disabled or gone." : null;
    }

    /// <summary>The bucket the job is about, as the requester sees it (null when it is gone).</summary>
    public Task<Bucket?> FindBucketAsync(TenantScope scope, BucketJob job, CancellationToken cancellationToken) =>
        ClusterErrors.RunAsync(scope, job.Bucket,
            () => buckets.FindAsync(scope.Namespace, job.Bucket, scope.As, cancellationToken));

    /// <summary>Credentials of a read-write user of the bucket, or null when it has none issued.</summary>
    public Task<BucketAccess?> WriteAccessAsync(TenantScope scope, Bucket bucket, CancellationToken cancellationToken) =>
        CredentialService.StorageAccessAsync(kube, scope, options.Value.EndpointScheme, bucket, write: true, cancellationToken);

    /// <summary>The cluster scope of the requester (impersonated with the group recorded when the job was asked for).</summary>
    public TenantScope ScopeOf(BucketJob job, TenantRole role) => new(
        new TenantAccess(Guid.Empty, job.Tenant, role, IsMember: true),
        tenancy.Value.ImpersonateUsers && job.ImpersonateGroup is { } group ? new Impersonation(job.RequestedBy, group) : null);

    /// <summary>Deletes a prefix, reporting progress (counted from <paramref name="start"/>) after each batch; a lost lease stops it.</summary>
    public async Task<DeleteResult> DeletePrefixAsync(BucketJob job, string owner, BucketAccess access, string prefix, long start, CancellationToken cancellationToken)
    {
        await ReportAsync(job, owner, start, job.ObjectsFailed, "Deleting objects.", cancellationToken);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new SynchronousProgress(p => ReportAsync(job, owner, start + p.Deleted, p.Failed, "Deleting objects.", cancellationToken), lost);
        var result = await storage.DeletePrefixAsync(access, prefix, progress, lost.Token);
        await progress.FlushAsync();
        return result;
    }

    /// <summary>Saves a job's progress and extends its lease; cancels when another replica took the job over.</summary>
    public async Task ReportAsync(BucketJob job, string owner, long deleted, long failed, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await store.ReportAsync(job.Id, owner, deleted, failed, message, now, now + options.Value.JobLease, cancellationToken))
        {
            throw new OperationCanceledException("Another portal replica took this job over.");
        }
        (job.ObjectsDeleted, job.ObjectsFailed, job.Message, job.State, job.UpdatedAt) = (deleted, failed, message, BucketJobState.Running, now);
        events.Publish(job);
    }

    /// <summary>Progress reports awaited in order (the storage adapter reports after each batch, from its own loop).</summary>
    /// <remarks>A failed report (the lease was lost) cancels <paramref name="lost"/>, which stops the deletion between batches.</remarks>
    private sealed class SynchronousProgress(Func<DeleteProgress, Task> report, CancellationTokenSource lost) : IProgress<DeleteProgress>
    {
        private Task _last = Task.CompletedTask;

        public void Report(DeleteProgress value) =>
            _last = _last.ContinueWith(async _ =>
            {
                try
                {
                    await report(value);
                }
                catch
                {
                    await lost.CancelAsync();
                    throw;
                }
            }, TaskScheduler.Default).Unwrap();

        public Task FlushAsync() => _last;
    }
}
