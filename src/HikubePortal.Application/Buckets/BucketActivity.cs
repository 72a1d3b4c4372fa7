using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Buckets;

/// <summary>A bucket's entries of the audit log (role admin, like the tenant's audit log).</summary>
public interface IBucketActivityService
{
    /// <summary>The newest <paramref name="max"/> entries about the bucket and its users, newest first.</summary>
    Task<IReadOnlyList<AuditEntryView>> ListAsync(string tenant, string bucket, int max, CancellationToken cancellationToken);
}

internal sealed class BucketActivityService(IPortalDbFactory dbs, ITenantAccessService access) : IBucketActivityService
{
    public async Task<IReadOnlyList<AuditEntryView>> ListAsync(string tenant, string bucket, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        var prefix = BucketAudit.Target(bucket) + "/";
        await using var db = await dbs.OpenAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == scope.Tenant && (e.Target == bucket || e.Target!.StartsWith(prefix)))
            .OrderByDescending(e => e.Id)
            .Take(Math.Clamp(max, 1, 500))
            .Select(e => new AuditEntryView(e.Id, e.At, e.Action, e.Outcome, e.UserName, e.Tenant, e.Target, e.Detail, e.RemoteAddress))
            .ToListAsync(cancellationToken);
    }
}
