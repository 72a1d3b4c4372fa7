using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Runs one "empty and delete" job: as the user who asked (impersonated), finds a read-write user's
/// credentials, deletes every object page by page (reporting progress), then deletes the bucket resource.
/// Running it again after an interruption simply continues: what was deleted is gone.
/// </summary>
internal sealed class EmptyAndDeleteJob(BucketApi buckets, BucketJobSteps steps, IAuditLog audit)
{
    public async Task<(BucketJobState State, string Message)> RunAsync(BucketJob job, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await steps.RequesterProblemAsync(job, cancellationToken) is { } problem)
        {
            return (BucketJobState.Failed, problem);
        }
        var scope = steps.ScopeOf(job, TenantRole.Admin);

        var bucket = await steps.FindBucketAsync(scope, job, cancellationToken);
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
            var access = await steps.WriteAccessAsync(scope, bucket, cancellationToken);
            if (access is null)
            {
                return (BucketJobState.Failed, $"Bucket {job.Bucket} has no read-write user with issued credentials, so the portal cannot empty it. Add one, or delete the bucket without emptying it.");
            }
            var start = job.ObjectsDeleted;
            DeleteResult result;
            try
            {
                result = await steps.DeletePrefixAsync(job, owner, access, string.Empty, start, cancellationToken);
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
            await steps.ReportAsync(job, owner, emptied, 0, "Bucket is empty; deleting it.", cancellationToken);
            await ClusterErrors.RunAsync(scope, job.Bucket, () => buckets.DeleteAsync(scope.Namespace, job.Bucket, scope.As, cancellationToken, uid: bucket.Metadata.Uid));
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketDeleted, Tenant: job.Tenant, Target: job.Bucket,
            Detail: $"emptied ({emptied} objects deleted), deletion requested")
        {
            UserId = job.RequestedById,
            UserName = job.RequestedBy,
        }, cancellationToken);
        return (BucketJobState.Succeeded, $"Deleted {emptied} objects; the platform is deleting the bucket.");
    }
}
