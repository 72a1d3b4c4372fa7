using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Audit;

internal sealed class AuditQueryService(IPortalDbFactory dbs, ITenantAccessService access, ICurrentUser current) : IAuditQueryService
{
    public async Task<AuditPage> QueryTenantAsync(string tenant, AuditQuery query, CancellationToken cancellationToken)
    {
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        await using var db = await dbs.OpenAsync(cancellationToken);
        return await RunAsync(db.AuditEntries.Where(e => e.Tenant == scope.Tenant), query, cancellationToken);
    }

    public async Task<AuditPage> QueryAllAsync(string? tenant, AuditQuery query, CancellationToken cancellationToken)
    {
        current.RequireOperator();
        await using var db = await dbs.OpenAsync(cancellationToken);
        var entries = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(tenant))
        {
            entries = entries.Where(e => e.Tenant == tenant.Trim());
        }
        return await RunAsync(entries, query, cancellationToken);
    }

    private static async Task<AuditPage> RunAsync(IQueryable<AuditEntry> entries, AuditQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 200);
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.UserName != null && e.UserName.Contains(user));
        }
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            entries = entries.Where(e => e.Action == action || e.Action.StartsWith(action + "."));
        }
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At < end);
        }
        var rows = await entries.AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Skip((page - 1) * size)
            .Take(size + 1)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Action, e.Outcome, e.UserName, e.Tenant, e.Target, e.Detail, e.RemoteAddress))
            .ToListAsync(cancellationToken);
        return new AuditPage([.. rows.Take(size)], page, size, rows.Count > size);
    }
}
