using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Tenants;

internal sealed class TenantService(
    IPortalDbFactory dbs,
    ITenantCluster cluster,
    ICurrentUser user,
    IAuditLog audit,
    TimeProvider time) : ITenantService
{
    public async Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken)
    {
        user.RequireOperator();
        await using var db = await dbs.OpenAsync(cancellationToken);
        return await db.Tenants.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TenantSummary(
                t.Id,
                t.Name,
                t.CreatedAt,
                t.Memberships.Count,
                t.Memberships.Count(m => m.Role == TenantRole.Admin)))
            .ToListAsync(cancellationToken);
    }

    public async Task<TenantSummary> CreateAsync(string name, string? firstAdminEmail, CancellationToken cancellationToken)
    {
        user.RequireOperator();
        Validate(name);
        await using var db = await dbs.OpenAsync(cancellationToken);
        if (await db.Tenants.AnyAsync(t => t.Name == name, cancellationToken))
        {
            throw new ConflictException($"Tenant name {name} is already used.");
        }
        PortalUser? admin = null;
        if (!string.IsNullOrWhiteSpace(firstAdminEmail))
        {
            var normalized = firstAdminEmail.Trim().ToUpperInvariant();
            admin = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
                ?? throw InvalidException.For("FirstAdminEmail", $"There is no user {firstAdminEmail.Trim()}; invite them from the members page instead.");
        }

        await cluster.EnsureTenantAsync(name, cancellationToken);
        var tenant = await SaveAsync(db, name, admin, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.TenantCreated, Tenant: name, Target: TenantNames.Namespace(name)), cancellationToken);
        if (admin is not null)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.MemberAdded, Tenant: name, Target: admin.Email, Detail: "role admin"), cancellationToken);
        }
        return Summary(tenant, admin is null ? 0 : 1);
    }

    public async Task<TenantSummary> EnsureAsync(string name, CancellationToken cancellationToken)
    {
        user.RequireOperator();
        Validate(name);
        await cluster.EnsureTenantAsync(name, cancellationToken);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var existing = await db.Tenants.AsNoTracking()
            .Where(t => t.Name == name)
            .Select(t => new TenantSummary(t.Id, t.Name, t.CreatedAt, t.Memberships.Count, t.Memberships.Count(m => m.Role == TenantRole.Admin)))
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var tenant = await SaveAsync(db, name, admin: null, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.TenantCreated, Tenant: name, Target: TenantNames.Namespace(name)), cancellationToken);
        return Summary(tenant, 0);
    }

    public async Task<TenantNameCheck> CheckNameAsync(string? name, CancellationToken cancellationToken)
    {
        user.RequireOperator();
        var value = name?.Trim() ?? string.Empty;
        if (TenantNames.Problem(value) is { } problem)
        {
            return new TenantNameCheck(value, problem, Available: false);
        }
        await using var db = await dbs.OpenAsync(cancellationToken);
        var used = await db.Tenants.AnyAsync(t => t.Name == value, cancellationToken);
        return new TenantNameCheck(value, used ? $"Tenant name {value} is already used." : null, Available: !used);
    }

    private static void Validate(string name)
    {
        if (TenantNames.Problem(name) is { } problem)
        {
            throw InvalidException.For("Name", problem);
        }
    }

    private async Task<Tenant> SaveAsync(IPortalDb db, string name, PortalUser? admin, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tenant = new Tenant { Id = Guid.CreateVersion7(now), Name = name, CreatedAt = now };
        if (admin is not null)
        {
            tenant.Memberships.Add(new Membership { UserId = admin.Id, Role = TenantRole.Admin, CreatedAt = now });
        }
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConflictException($"Tenant name {name} is already used.", ex);
        }
        return tenant;
    }

    private static TenantSummary Summary(Tenant tenant, int admins) =>
        new(tenant.Id, tenant.Name, tenant.CreatedAt, admins, admins);
}
