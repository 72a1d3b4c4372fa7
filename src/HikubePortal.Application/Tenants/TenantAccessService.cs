using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Tenants;

/// <summary>
/// Reads memberships of the current user. A lookup is remembered for <see cref="Freshness"/> only: a request makes
/// several checks, but an interactive page lives for hours and every action must see a role changed meanwhile.
/// A session that ended (signed out, disabled, password or two-factor changed: the account's security stamp moved on)
/// has no access at all from its next call on, whatever the circuit it runs in still believes.
/// </summary>
internal sealed class TenantAccessService(IPortalDbFactory dbs, ICurrentUser user, TimeProvider time) : ITenantAccessService
{
    /// <summary>How long a membership read stays good.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    // Compiled once: every page view and every action asks these two, and EF Core otherwise works each one out again per
    // call (the membership check compiled code for its closure on every call: dynamic methods made, then finalized).
    private static readonly Func<DbContext, string, Guid, string?, CancellationToken, Task<AccessRow?>> AccessQuery =
        EF.CompileAsyncQuery((DbContext db, string tenant, Guid userId, string? stamp, CancellationToken _) => db.Set<Tenant>().AsNoTracking()
            .Where(t => t.Name == tenant)
            .Select(t => new AccessRow(
                t.Id,
                t.Memberships
                    .Where(m => m.UserId == userId && m.User!.DisabledAt == null && (stamp == null || m.User.SecurityStamp == stamp))
                    .Select(m => (TenantRole?)m.Role)
                    .FirstOrDefault(),
                db.Set<PortalUser>().Any(u => u.Id == userId && u.DisabledAt == null && (stamp == null || u.SecurityStamp == stamp))))
            .FirstOrDefault());

    private static readonly Func<DbContext, Guid, string?, IAsyncEnumerable<MineRow>> MineQuery =
        EF.CompileAsyncQuery((DbContext db, Guid userId, string? stamp) => db.Set<Membership>().AsNoTracking()
            .Where(m => m.UserId == userId && m.User!.DisabledAt == null && (stamp == null || m.User.SecurityStamp == stamp))
            .OrderBy(m => m.Tenant!.Name)
            .Select(m => new MineRow(m.TenantId, m.Tenant!.Name, m.Role)));

    private readonly Dictionary<string, (TenantAccess? Access, bool SessionEnded, Guid? User, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<TenantAccess?> FindAsync(string tenant, CancellationToken cancellationToken) =>
        (await LookUpAsync(tenant, cancellationToken)).Access;

    private async Task<(TenantAccess? Access, bool SessionEnded)> LookUpAsync(string tenant, CancellationToken cancellationToken)
    {
        if (!TenantNames.IsValid(tenant) || (user.Id is null && !user.IsOperator))
        {
            return (null, false);
        }
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_cache.TryGetValue(tenant, out var cached) && cached.User == user.Id && now - cached.At < Freshness)
            {
                return (cached.Access, cached.SessionEnded);
            }
        }

        var userId = user.Id ?? Guid.Empty;
        await using var db = await dbs.OpenAsync(cancellationToken);
        var found = await AccessQuery(Context(db), tenant, userId, user.SessionStamp, cancellationToken);

        TenantAccess? access = found switch
        {
            null => null,
            { Role: { } role } => new TenantAccess(found.TenantId, tenant, role, IsMember: true),
            // An operator acts in every tenant, while their session stands (the system has no session to check).
            _ when user.IsOperator && (user.Id is null || found.SessionValid) => new TenantAccess(found.TenantId, tenant, TenantRole.Admin, IsMember: false),
            _ => null,
        };
        var ended = found is not null && user.Id is not null && !found.SessionValid;
        lock (_gate)
        {
            _cache[tenant] = (access, ended, user.Id, now);
        }
        return (access, ended);
    }

    public TenantAccess? LastKnown(string tenant)
    {
        lock (_gate)
        {
            return _cache.TryGetValue(tenant, out var cached) && cached.User == user.Id && !cached.SessionEnded ? cached.Access : null;
        }
    }

    public async Task<TenantAccess> RequireAsync(string tenant, TenantRole minimum, CancellationToken cancellationToken)
    {
        var (access, sessionEnded) = await LookUpAsync(tenant, cancellationToken);
        if (access is null)
        {
            throw sessionEnded
                ? new ForbiddenException("Your session has ended: sign in again.")
                : new NotFoundException($"There is no tenant {tenant}.");
        }
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
        var rows = new List<MineRow>();
        await foreach (var row in MineQuery(Context(db), userId, user.SessionStamp).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }
        return [.. rows.Select(r => new TenantAccess(r.TenantId, r.Name, r.Role, IsMember: true))];
    }

    private static DbContext Context(IPortalDb db) =>
        db as DbContext ?? throw new InvalidOperationException("The portal's database session is not an EF Core context.");

    private sealed record AccessRow(Guid TenantId, TenantRole? Role, bool SessionValid);

    private sealed record MineRow(Guid TenantId, string Name, TenantRole Role);
}
