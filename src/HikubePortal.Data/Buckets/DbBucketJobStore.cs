using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HikubePortal.Data.Buckets;

/// <summary>Bucket jobs in PostgreSQL; each call uses a context of its own (the runner is long-lived).</summary>
internal sealed class DbBucketJobStore(IDbContextFactory<PortalDbContext> contexts) : IBucketJobStore
{
    private const string UniqueViolation = "23505";

    public async Task AddAsync(BucketJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Set<BucketJob>().Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: UniqueViolation })
        {
            throw new ConflictException(job.Kind == BucketJobKind.DeleteFolders
                ? $"A job is already deleting objects in bucket {job.Bucket}; wait for it to finish and try again."
                : $"A job is already emptying bucket {job.Bucket}; follow its progress on the delete page.", ex);
        }
    }

    public async Task<BucketJob?> LatestAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BucketJob>().AsNoTracking()
            .Where(j => j.Tenant == tenant && j.Bucket == bucket)
            .OrderByDescending(j => j.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<BucketJob?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BucketJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
    }

    public async Task<BucketJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var jobs = db.Set<BucketJob>();
        var candidates = await jobs.AsNoTracking()
            .Where(j => (j.State == BucketJobState.Queued || j.State == BucketJobState.Running) && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.CreatedAt)
            .Select(j => j.Id)
            .Take(5)
            .ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            // Atomic: only one replica's update matches while the lease is free.
            var claimed = await jobs
                .Where(j => j.Id == id && (j.State == BucketJobState.Queued || j.State == BucketJobState.Running) && (j.LeaseUntil == null || j.LeaseUntil < now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.State, BucketJobState.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseUntil, leaseUntil)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.UpdatedAt, now), cancellationToken);
            if (claimed == 1)
            {
                return await jobs.AsNoTracking().FirstAsync(j => j.Id == id, cancellationToken);
            }
        }
        return null;
    }

    public async Task<bool> ReportAsync(Guid id, string owner, long deleted, long failed, string? message, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Set<BucketJob>()
            .Where(j => j.Id == id && j.LeaseOwner == owner && j.State == BucketJobState.Running)
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.ObjectsDeleted, deleted)
                .SetProperty(j => j.ObjectsFailed, failed)
                .SetProperty(j => j.Message, message)
                .SetProperty(j => j.LeaseUntil, leaseUntil)
                .SetProperty(j => j.UpdatedAt, now), cancellationToken);
        return updated == 1;
    }

    public async Task FinishAsync(Guid id, string owner, BucketJobState state, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var text = message.Length > 1024 ? message[..1024] : message;
        await db.Set<BucketJob>()
            .Where(j => j.Id == id && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.Message, text)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.UpdatedAt, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task ReleaseAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<BucketJob>()
            .Where(j => j.Id == id && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(j => j.Message, "Interrupted by a portal restart; it continues shortly."), cancellationToken);
    }
}
