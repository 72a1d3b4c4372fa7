using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity.SingleSignOn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Tenants;

internal sealed class MembershipService(
    IPortalDbFactory dbs,
    ITenantAccessService access,
    IAuditLog audit,
    IOptions<TenancyOptions> options,
    IOptions<OidcOptions> oidc,
    TimeProvider time) : IMembershipService
{
    public async Task<MembersPage> ListAsync(string tenant, CancellationToken cancellationToken)
    {
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var members = await db.Memberships.AsNoTracking()
            .Where(m => m.TenantId == scope.TenantId)
            .OrderBy(m => m.User!.Email)
            .Select(m => new MemberView(m.UserId, m.User!.Email ?? "", m.Role, m.CreatedAt, m.User.DisabledAt != null, m.Source))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.TenantId == scope.TenantId && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email)
            .Select(i => new InvitationView(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt))
            .ToListAsync(cancellationToken);
        return new MembersPage(members, invitations, oidc.Value.Enabled ? oidc.Value.DisplayName : null);
    }

    public async Task AddExistingAsync(string tenant, string email, TenantRole role, CancellationToken cancellationToken)
    {
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var normalized = Normalize(email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            ?? throw InvalidException.For("Email", $"There is no user {email.Trim()}: invite them instead.");
        if (await db.Memberships.AnyAsync(m => m.TenantId == scope.TenantId && m.UserId == user.Id, cancellationToken))
        {
            throw new ConflictException($"{user.Email} is already a member of tenant-{tenant}.");
        }
        db.Memberships.Add(new Membership { TenantId = scope.TenantId, UserId = user.Id, Role = role, CreatedAt = time.GetUtcNow() });
        await SaveAsync(db, $"{user.Email} is already a member of tenant-{tenant}.", cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.MemberAdded, Tenant: tenant, Target: user.Email, Detail: $"role {role.Slug()}"), cancellationToken);
    }

    public async Task ChangeRoleAsync(string tenant, Guid userId, TenantRole role, CancellationToken cancellationToken)
    {
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var member = await FindMemberAsync(db, scope, userId, cancellationToken);
        if (member.Role == role)
        {
            return;
        }
        if (member.Role == TenantRole.Admin)
        {
            await EnsureAnotherAdminAsync(db, scope, userId, "demoted", cancellationToken);
        }
        var before = member.Role;
        member.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.MemberRoleChanged, Tenant: tenant, Target: member.User!.Email, Detail: $"role {before.Slug()} -> {role.Slug()}"), cancellationToken);
    }

    public async Task RemoveAsync(string tenant, Guid userId, CancellationToken cancellationToken)
    {
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var member = await FindMemberAsync(db, scope, userId, cancellationToken);
        if (member.Role == TenantRole.Admin)
        {
            await EnsureAnotherAdminAsync(db, scope, userId, "removed", cancellationToken);
        }
        db.Memberships.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.MemberRemoved, Tenant: tenant, Target: member.User!.Email, Detail: $"role {member.Role.Slug()}"), cancellationToken);
    }

    public async Task<InvitationCreated> InviteAsync(string tenant, string email, TenantRole role, CancellationToken cancellationToken)
    {
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var normalized = Normalize(email);
        if (await db.Memberships.AnyAsync(m => m.TenantId == scope.TenantId && m.User!.NormalizedEmail == normalized, cancellationToken))
        {
            throw new ConflictException($"{email.Trim()} is already a member of tenant-{tenant}.");
        }
        var now = time.GetUtcNow();
        var token = InvitationTokens.Create();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            TenantId = scope.TenantId,
            Email = email.Trim(),
            NormalizedEmail = normalized,
            Role = role,
            TokenHash = InvitationTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.MemberInvited, Tenant: tenant, Target: invitation.Email, Detail: $"role {role.Slug()}"), cancellationToken);
        return new InvitationCreated(invitation.Id, invitation.Email, role, token, invitation.ExpiresAt);
    }

    public async Task RevokeInvitationAsync(string tenant, Guid invitationId, CancellationToken cancellationToken)
    {
        var scope = await access.RequireAsync(tenant, TenantRole.Admin, cancellationToken);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var invitation = await db.Invitations
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.TenantId == scope.TenantId && i.AcceptedAt == null, cancellationToken)
            ?? throw new NotFoundException("This invitation does not exist any more.");
        db.Invitations.Remove(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.InvitationRevoked, Tenant: tenant, Target: invitation.Email), cancellationToken);
    }

    private async Task<Membership> FindMemberAsync(IPortalDb db, TenantAccess scope, Guid userId, CancellationToken cancellationToken)
    {
        var member = await db.Memberships.Include(m => m.User)
            .FirstOrDefaultAsync(m => m.TenantId == scope.TenantId && m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException("This person is not a member of the tenant.");
        if (member.Source == MembershipSource.Provider)
        {
            throw new ConflictException(
                $"{member.User!.Email}'s membership comes from their groups at {oidc.Value.DisplayName} ({TenantNames.Namespace(scope.Tenant)}-view|use|admin): " +
                "change them there; it applies at their next sign-in.");
        }
        return member;
    }

    private static async Task EnsureAnotherAdminAsync(IPortalDb db, TenantAccess scope, Guid userId, string verb, CancellationToken cancellationToken)
    {
        var others = await db.Memberships.CountAsync(
            m => m.TenantId == scope.TenantId && m.Role == TenantRole.Admin && m.UserId != userId, cancellationToken);
        if (others == 0)
        {
            throw new ConflictException($"The last admin of tenant-{scope.Tenant} cannot be {verb}: make someone else admin first.");
        }
    }

    private static async Task SaveAsync(IPortalDb db, string conflictMessage, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConflictException(conflictMessage, ex);
        }
    }

    private static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
