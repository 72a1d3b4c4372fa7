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
        Ensure(query);
        await using var db = await dbs.OpenAsync(cancellationToken);
        return await RunAsync(db.AuditEntries.Where(e => e.Tenant == scope.Tenant), query, cancellationToken);
    }

    public async Task<AuditPage> QueryAllAsync(string? tenant, AuditQuery query, CancellationToken cancellationToken)
    {
        current.RequireOperator();
        FilterText.Ensure("Tenant", tenant, "tenant");
        Ensure(query);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var entries = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(tenant))
        {
            // The namespace (tenant-acme), as the UI and kubectl show it, stands for the tenant (acme).
            var name = tenant.Trim();
            name = TenantNames.FromNamespace(name) ?? name;
            entries = entries.Where(e => e.Tenant == name);
        }
        return await RunAsync(entries, query, cancellationToken);
    }

    /// <summary>Refuses what the database cannot take (a NUL byte, a page beyond any offset) in words.</summary>
    private static void Ensure(AuditQuery query)
    {
        FilterText.Ensure("User", query.User, "user");
        FilterText.Ensure("Action", query.Action, "action");
        FilterText.EnsurePage(query.Page);
    }

    private static async Task<AuditPage> RunAsync(IQueryable<AuditEntry> entries, AuditQuery query, CancellationToken cancellationToken)
    {
        var page = query.Page;
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
        if (query.To is { } to && to < DateOnly.MaxValue)
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
