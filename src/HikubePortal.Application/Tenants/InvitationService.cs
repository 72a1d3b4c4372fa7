using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Tenants;

internal sealed class InvitationService(
    IPortalDb db,
    UserManager<PortalUser> users,
    ICurrentUser current,
    IAuditLog audit,
    TimeProvider time) : IInvitationService
{
    public async Task<InvitationInfo?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await FindOpenAsync(token, cancellationToken);
        if (invitation is null)
        {
            return null;
        }
        var exists = await db.Users.AnyAsync(u => u.NormalizedEmail == invitation.NormalizedEmail, cancellationToken);
        return new InvitationInfo(invitation.Tenant!.Name, invitation.Email, invitation.Role, invitation.ExpiresAt, exists);
    }

    public async Task<string> AcceptAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await FindOpenAsync(token, cancellationToken)
            ?? throw new NotFoundException("This invitation link is not valid any more.");
        var userId = current.Id ?? throw new ForbiddenException("Sign in first.");
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        if (user.NormalizedEmail != invitation.NormalizedEmail)
        {
            throw new ForbiddenException($"This invitation is for {invitation.Email}; you are signed in as {user.Email}.");
        }
        return await JoinAsync(invitation, user, cancellationToken);
    }

    public async Task<string> RegisterAndAcceptAsync(string token, string password, CancellationToken cancellationToken)
    {
        var invitation = await FindOpenAsync(token, cancellationToken)
            ?? throw new NotFoundException("This invitation link is not valid any more.");
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == invitation.NormalizedEmail, cancellationToken))
        {
            throw new ConflictException($"An account for {invitation.Email} exists: sign in to accept the invitation.");
        }
        var user = new PortalUser
        {
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow(),
        };
        IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, password), "Password");
        await audit.WriteAsync(new AuditRecord(AuditActions.UserCreated, Tenant: invitation.Tenant!.Name, Target: user.Email, Detail: "from invitation") { UserId = user.Id, UserName = user.Email }, cancellationToken);
        return await JoinAsync(invitation, user, cancellationToken);
    }

    private async Task<string> JoinAsync(Invitation invitation, PortalUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var membership = await db.Memberships
            .FirstOrDefaultAsync(m => m.TenantId == invitation.TenantId && m.UserId == user.Id, cancellationToken);
        if (membership is null)
        {
            db.Memberships.Add(new Membership { TenantId = invitation.TenantId, UserId = user.Id, Role = invitation.Role, CreatedAt = now });
        }
        else if (membership.Role < invitation.Role)
        {
            membership.Role = invitation.Role;
        }
        invitation.AcceptedAt = now;
        invitation.AcceptedByUserId = user.Id;
        await db.SaveChangesAsync(cancellationToken);
        var tenant = invitation.Tenant!.Name;
        await audit.WriteAsync(new AuditRecord(AuditActions.InvitationAccepted, Tenant: tenant, Target: user.Email, Detail: $"role {invitation.Role.Slug()}") { UserId = user.Id, UserName = user.Email }, cancellationToken);
        return tenant;
    }

    private async Task<Invitation?> FindOpenAsync(string token, CancellationToken cancellationToken)
    {
        if (!InvitationTokens.LooksValid(token))
        {
            return null;
        }
        var hash = InvitationTokens.Hash(token);
        var now = time.GetUtcNow();
        return await db.Invitations.Include(i => i.Tenant)
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
    }
}
