using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Runs one folder-delete job: as the user who asked (impersonated), with a read-write user's credentials, deletes
/// every object under each folder in batches (reporting progress). Running it again after an interruption continues.
/// </summary>
internal sealed class DeleteFoldersJob(
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
        if (await EmptyAndDeleteJob.RequesterProblemAsync(db, job, cancellationToken) is { } problem)
        {
            return (BucketJobState.Failed, problem);
        }
        var scope = EmptyAndDeleteJob.ScopeOf(job, TenantRole.Use, tenancy.Value);
        var bucket = await ClusterErrors.RunAsync(scope, job.Bucket,
            () => kube.TryGetAsync<Bucket>(Bucket.Resource, scope.Namespace, job.Bucket, scope.Options, cancellationToken));
        if (bucket is null || (job.BucketUid is not null && bucket.Metadata.Uid != job.BucketUid))
        {
            return (BucketJobState.Failed, $"Bucket {job.Bucket} is gone (or was created again); nothing more was deleted.");
        }
        var access = await CredentialService.StorageAccessAsync(kube, scope, options.Value.EndpointScheme, bucket, write: true, cancellationToken);
        if (access is null)
        {
            return (BucketJobState.Failed, ObjectAccessResolver.ReadOnlyMessage(job.Bucket));
        }
        var deleted = job.ObjectsDeleted;
        long failed = 0;
        DeleteFailure? firstFailure = null;
        foreach (var prefix in BucketJobPrefixes.Parse(job.Prefixes))
        {
            DeleteResult result;
            try
            {
                result = await EmptyAndDeleteJob.DeletePrefixAsync(storage, job, owner, access, prefix, deleted, ReportAsync, cancellationToken);
            }
            catch (PortalException ex)
            {
                return (BucketJobState.Failed, $"Deleting stopped: {ex.Message}");
            }
            deleted += result.Deleted;
            failed += result.FailedCount;
            firstFailure ??= result.Failures.Count > 0 ? result.Failures[0] : null;
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectDeleted, failed == 0 ? AuditOutcome.Success : AuditOutcome.Failure, job.Tenant, job.Bucket,
            ObjectAudit.Clip($"folder delete finished: {deleted} objects deleted, {failed} failed, in {string.Join(", ", BucketJobPrefixes.Parse(job.Prefixes))}"))
        {
            UserId = job.RequestedById,
            UserName = job.RequestedBy,
        }, cancellationToken);
        return failed == 0
            ? (BucketJobState.Succeeded, $"Deleted {deleted} objects.")
            : (BucketJobState.Failed, $"Deleted {deleted} objects; {failed} could not be deleted (for example {firstFailure?.Key}: {firstFailure?.Message}).");
    }

    private Task ReportAsync(BucketJob job, string owner, long deleted, long failed, string message, CancellationToken cancellationToken) =>
        EmptyAndDeleteJob.ReportAsync(store, time, options.Value, job, owner, deleted, failed, message, cancellationToken);
}
