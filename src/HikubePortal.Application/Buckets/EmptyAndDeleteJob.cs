using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Runs one "empty and delete" job: as the user who asked (impersonated), finds a read-write user's
/// credentials, deletes every object page by page (reporting progress), then deletes the bucket resource.
/// Running it again after an interruption simply continues: what was deleted is gone.
/// </summary>
internal sealed class EmptyAndDeleteJob(
    IKubernetesClient kube,
    IObjectStorage storage,
    IBucketJobStore store,
    IPortalDb db,
    IAuditLog audit,
    TimeProvider time,
    IOptions<BucketsOptions> options,
    IOptions<TenancyOptions> tenancy)
{
    public async Task<(BucketJobState State, string Message)> RunAsync(BucketJob job, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await RequesterProblemAsync(db, job, cancellationToken) is { } problem)
        {
            return (BucketJobState.Failed, problem);
        }
        var scope = ScopeOf(job, TenantRole.Admin, tenancy.Value);

        var bucket = await ClusterErrors.RunAsync(scope, job.Bucket,
            () => kube.TryGetAsync<Bucket>(Bucket.Resource, scope.Namespace, job.Bucket, scope.Options, cancellationToken));
        if (bucket is null)
        {
            return (BucketJobState.Succeeded, $"Bucket {job.Bucket} is gone.");
        }
        if (job.BucketUid is not null && bucket.Metadata.Uid != job.BucketUid)
        {
            return (BucketJobState.Failed, $"Bucket {job.Bucket} was deleted and created again meanwhile; the new one was left alone.");
        }

        var emptied = 0L;
        if (bucket.Metadata.DeletionTimestamp is null)
        {
            var access = await CredentialService.StorageAccessAsync(kube, scope, options.Value.EndpointScheme, bucket, write: true, cancellationToken);
            if (access is null)
            {
                return (BucketJobState.Failed, $"Bucket {job.Bucket} has no read-write user with issued credentials, so the portal cannot empty it. Add one, or delete the bucket without emptying it.");
            }
            var start = job.ObjectsDeleted;
            DeleteResult result;
            try
            {
                result = await DeletePrefixAsync(storage, job, owner, access, string.Empty, start, ReportAsync, cancellationToken);
            }
            catch (PortalException ex)
            {
                return (BucketJobState.Failed, $"Emptying stopped: {ex.Message}");
            }
            emptied = start + result.Deleted;
            if (result.FailedCount > 0)
            {
                var first = result.Failures.Count > 0 ? result.Failures[0] : null;
                return (BucketJobState.Failed, $"{result.FailedCount} objects could not be deleted (for example {first?.Key}: {first?.Message}); the bucket was kept. Object locking keeps objects for 365 days.");
            }
            await ReportAsync(job, owner, emptied, 0, "Bucket is empty; deleting it.", cancellationToken);
            await ClusterErrors.RunAsync(scope, job.Bucket, () => kube.DeleteIfExistsAsync(Bucket.Resource, scope.Namespace, job.Bucket,
                new DeleteOptions { Impersonate = scope.Options.Impersonate, PreconditionUid = bucket.Metadata.Uid }, cancellationToken));
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketDeleted, Tenant: job.Tenant, Target: job.Bucket,
            Detail: $"emptied ({emptied} objects deleted), deletion requested")
        {
            UserId = job.RequestedById,
            UserName = job.RequestedBy,
        }, cancellationToken);
        return (BucketJobState.Succeeded, $"Deleted {emptied} objects; the platform is deleting the bucket.");
    }

    /// <summary>The reason a job must not run as its requester any more (disabled, gone), or null.</summary>
    internal static async Task<string?> RequesterProblemAsync(IPortalDb db, BucketJob job, CancellationToken cancellationToken)
    {
        var requester = await db.Users.AsNoTracking().Where(u => u.Id == job.RequestedById).Select(u => new { u.DisabledAt }).FirstOrDefaultAsync(cancellationToken);
        return requester is null || requester.DisabledAt is not null ? $"Stopped: the account of {job.RequestedBy} is disabled or gone." : null;
    }

    /// <summary>The cluster scope of the requester (impersonated with the group recorded when the job was asked for).</summary>
    internal static TenantScope ScopeOf(BucketJob job, TenantRole role, TenancyOptions tenancy) => new(
        new TenantAccess(Guid.Empty, job.Tenant, role, IsMember: true),
        RequestOptions.As(tenancy.ImpersonateUsers ? Impersonation.Of(job.RequestedBy, job.ImpersonateGroup is null ? [] : [job.ImpersonateGroup]) : null));

    /// <summary>Deletes a prefix, reporting progress (counted from <paramref name="start"/>) after each batch; a lost lease stops it.</summary>
    internal static async Task<DeleteResult> DeletePrefixAsync(IObjectStorage storage, BucketJob job, string owner, BucketAccess access, string prefix, long start,
        Func<BucketJob, string, long, long, string, CancellationToken, Task> report, CancellationToken cancellationToken)
    {
        await report(job, owner, start, job.ObjectsFailed, "Deleting objects.", cancellationToken);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new SynchronousProgress(p => report(job, owner, start + p.Deleted, p.Failed, "Deleting objects.", cancellationToken), lost);
        var result = await storage.DeletePrefixAsync(access, prefix, progress, lost.Token);
        await progress.FlushAsync();
        return result;
    }

    private Task ReportAsync(BucketJob job, string owner, long deleted, long failed, string message, CancellationToken cancellationToken) =>
        ReportAsync(store, time, options.Value, job, owner, deleted, failed, message, cancellationToken);

    /// <summary>Saves a job's progress and extends its lease; cancels when another replica took the job over.</summary>
    internal static async Task ReportAsync(IBucketJobStore store, TimeProvider time, BucketsOptions options,
        BucketJob job, string owner, long deleted, long failed, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        job.ObjectsDeleted = deleted;
        if (!await store.ReportAsync(job.Id, owner, deleted, failed, message, now, now + options.JobLease, cancellationToken))
        {
            throw new OperationCanceledException("Another portal replica took this job over.");
        }
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
