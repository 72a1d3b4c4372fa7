using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Tenants;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Runs one folder-delete job: as the user who asked (impersonated), with a read-write user's credentials, deletes
/// every object under each folder in batches (reporting progress). Running it again after an interruption continues.
/// </summary>
internal sealed class DeleteFoldersJob(BucketJobSteps steps, IAuditLog audit)
{
    public async Task<(BucketJobState State, string Message)> RunAsync(BucketJob job, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await steps.RequesterProblemAsync(job, cancellationToken) is { } problem)
        {
            return (BucketJobState.Failed, problem);
        }
        var scope = steps.ScopeOf(job, TenantRole.Use);
        var bucket = await steps.FindBucketAsync(scope, job, cancellationToken);
        if (bucket is null || (job.BucketUid is not null && bucket.Metadata.Uid != job.BucketUid))
        {
            return (BucketJobState.Failed, $"Bucket {job.Bucket} is gone (or was created again); nothing more was deleted.");
        }
        var access = await steps.WriteAccessAsync(scope, bucket, cancellationToken);
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
                result = await steps.DeletePrefixAsync(job, owner, access, prefix, deleted, cancellationToken);
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
}
