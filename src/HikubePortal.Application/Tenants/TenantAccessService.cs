using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Tenants;

/// <summary>
/// Reads memberships of the current user. A lookup is remembered for <see cref="Freshness"/> only: a request makes
/// several checks, but an interactive page lives for hours and every action must see a role changed meanwhile.
/// </summary>
internal sealed class TenantAccessService(IPortalDbFactory dbs, ICurrentUser user, TimeProvider time) : ITenantAccessService
{
    /// <summary>How long a membership read stays good.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, (TenantAccess? Access, Guid? User, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<TenantAccess?> FindAsync(string tenant, CancellationToken cancellationToken)
    {
        if (!TenantNames.IsValid(tenant) || (user.Id is null && !user.IsOperator))
        {
            return null;
        }
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_cache.TryGetValue(tenant, out var cached) && cached.User == user.Id && now - cached.At < Freshness)
            {
                return cached.Access;
            }
        }

        var userId = user.Id ?? Guid.Empty;
        await using var db = await dbs.OpenAsync(cancellationToken);
        var found = await db.Tenants.AsNoTracking()
            .Where(t => t.Name == tenant)
            .Select(t => new
            {
                t.Id,
                Role = t.Memberships
                    .Where(m => m.UserId == userId && m.User!.DisabledAt == null)
                    .Select(m => (TenantRole?)m.Role)
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);

        TenantAccess? access = found switch
        {
            null => null,
            { Role: { } role } => new TenantAccess(found.Id, tenant, role, IsMember: true),
            _ when user.IsOperator => new TenantAccess(found.Id, tenant, TenantRole.Admin, IsMember: false),
            _ => null,
        };
        lock (_gate)
        {
            _cache[tenant] = (access, user.Id, now);
        }
        return access;
    }

    public async Task<TenantAccess> RequireAsync(string tenant, TenantRole minimum, CancellationToken cancellationToken)
    {
        var access = await FindAsync(tenant, cancellationToken)
            ?? throw new NotFoundException($"There is no tenant {tenant}.");
        return access.Allows(minimum)
            ? access
            : throw new ForbiddenException($"This needs the {minimum.Slug()} role in tenant-{tenant}; you have {access.Role.Slug()}.");
    }

    public async Task<IReadOnlyList<TenantAccess>> ListMineAsync(CancellationToken cancellationToken)
    {
        if (user.Id is not { } userId)
        {
            return [];
        }
        await using var db = await dbs.OpenAsync(cancellationToken);
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.User!.DisabledAt == null)
            .OrderBy(m => m.Tenant!.Name)
            .Select(m => new { m.TenantId, m.Tenant!.Name, m.Role })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TenantAccess(r.TenantId, r.Name, r.Role, IsMember: true))];
    }
}
