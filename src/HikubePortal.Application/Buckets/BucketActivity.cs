using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Buckets;

/// <summary>A bucket's entries of the audit log (role admin, like the tenant's audit log).</summary>
public interface IBucketActivityService
{
    /// <summary>
    /// Entries about the bucket and its users, newest first: <paramref name="take"/> of them (1-500) after skipping
    /// <paramref name="skip"/>, and whether older ones exist.
    /// </summary>
    Task<BucketActivityPage> ListAsync(string tenant, string bucket, int skip, int take, CancellationToken cancellationToken);
}

/// <summary>One page of a bucket's audit entries; <paramref name="HasMore"/> when older entries follow.</summary>
public sealed record BucketActivityPage(IReadOnlyList<AuditEntryView> Entries, bool HasMore);

internal sealed class BucketActivityService(IPortalDbFactory dbs, ITenantAccessService access) : IBucketActivityService
{
    public async Task<BucketActivityPage> ListAsync(string tenant, string bucket, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        var prefix = BucketAudit.Target(bucket) + "/";
        take = Math.Clamp(take, 1, 500);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == scope.Tenant && (e.Target == bucket || e.Target!.StartsWith(prefix)))
            .OrderByDescending(e => e.Id)
            .Skip(Math.Max(skip, 0))
            .Take(take + 1)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Action, e.Outcome, e.UserName, e.Tenant, e.Target, e.Detail, e.RemoteAddress))
            .ToListAsync(cancellationToken);
        return new BucketActivityPage(entries.Count > take ? entries[..take] : entries, entries.Count > take);
    }
}
