using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Identity.SingleSignOn;

/// <summary>
/// Brings a user's provider memberships in line with their groups: added, changed (a portal membership of the same
/// tenant is taken over) and removed when the group is gone. Portal memberships of other tenants stay.
/// </summary>
internal sealed partial class ProviderMemberships(IPortalDb db, UnknownTenantGroups unknown, TimeProvider time, ILogger<ProviderMemberships> logger)
{
    /// <summary>The existing tenants the groups name, with the highest role each; unknown tenants are logged once.</summary>
    public async Task<IReadOnlyDictionary<Guid, (string Tenant, TenantRole Role)>> WantedAsync(IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var roles = TenantGroups.HighestRoles(groups);
        var names = roles.Keys.ToList();
        var tenants = await db.Tenants.AsNoTracking().Where(t => names.Contains(t.Name))
            .Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        foreach (var name in names.Except(tenants.Select(t => t.Name)).Where(unknown.FirstTime))
        {
            // A group can read two ways (tenant-a-super-admin); the reading whose tenant exists is enough.
            LogUnknownTenant(logger, name);
        }
        return tenants.ToDictionary(t => t.Id, t => (t.Name, roles[t.Name]));
    }

    /// <summary>Applies <paramref name="wanted"/> to the tracked context (saved by the caller) and returns what to audit.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ApplyAsync(
        PortalUser user, IReadOnlyDictionary<Guid, (string Tenant, TenantRole Role)> wanted, string provider, CancellationToken cancellationToken)
    {
        var audits = new List<AuditRecord>();
        var existing = await db.Memberships.Include(m => m.Tenant).Where(m => m.UserId == user.Id).ToListAsync(cancellationToken);
        foreach (var membership in existing)
        {
            var tenant = membership.Tenant!.Name;
            if (wanted.TryGetValue(membership.TenantId, out var want))
            {
                if (membership.Role != want.Role || membership.Source != MembershipSource.Provider)
                {
                    audits.Add(Record(AuditActions.MemberRoleChanged, tenant, user, $"role {membership.Role.Slug()} -> {want.Role.Slug()}, from {provider}"));
                    membership.Role = want.Role;
                    membership.Source = MembershipSource.Provider;
                }
            }
            else if (membership.Source == MembershipSource.Provider)
            {
                db.Memberships.Remove(membership);
                audits.Add(Record(AuditActions.MemberRemoved, tenant, user, $"role {membership.Role.Slug()}, group gone at {provider}"));
            }
        }
        var now = time.GetUtcNow();
        foreach (var (tenantId, (tenant, role)) in wanted.Where(w => existing.All(m => m.TenantId != w.Key)))
        {
            db.Memberships.Add(new Membership { TenantId = tenantId, UserId = user.Id, Role = role, Source = MembershipSource.Provider, CreatedAt = now });
            audits.Add(Record(AuditActions.MemberAdded, tenant, user, $"role {role.Slug()}, from {provider}"));
        }
        return audits;
    }

    /// <summary>Whether the user keeps a membership of any tenant once <paramref name="wanted"/> is applied.</summary>
    public async Task<bool> HasAnyAfterAsync(PortalUser user, IReadOnlyDictionary<Guid, (string Tenant, TenantRole Role)> wanted, CancellationToken cancellationToken) =>
        wanted.Count > 0
        || await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.Source == MembershipSource.Portal, cancellationToken);

    private static AuditRecord Record(string action, string tenant, PortalUser user, string detail) =>
        new(action, Tenant: tenant, Target: user.Email, Detail: detail) { UserId = user.Id, UserName = user.Email };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on: a group names tenant {Tenant}, which does not exist in the portal; ignored (logged once)")]
    private static partial void LogUnknownTenant(ILogger logger, string tenant);
}

/// <summary>The unknown tenant names already logged, so that each is logged once per process.</summary>
internal sealed class UnknownTenantGroups
{
    private const int Capacity = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public bool FirstTime(string tenant) => _seen.Count < Capacity && _seen.TryAdd(tenant, 0);
}
