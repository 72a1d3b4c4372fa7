namespace HikubePortal.Application.Tenants;

/// <summary>
/// A tenant admin's actions on the tenant's members. Every method checks that the current user is an
/// admin of <c>tenant</c> (<see cref="Common.NotFoundException"/> for non-members,
/// <see cref="Common.ForbiddenException"/> for lower roles).
/// </summary>
public interface IMembershipService
{
    Task<MembersPage> ListAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Adds an existing user; <see cref="Common.InvalidException"/> if there is none, <see cref="Common.ConflictException"/> if already a member.</summary>
    Task AddExistingAsync(string tenant, string email, TenantRole role, CancellationToken cancellationToken);

    /// <summary>Changes a member's role; the last admin cannot be demoted (<see cref="Common.ConflictException"/>).</summary>
    Task ChangeRoleAsync(string tenant, Guid userId, TenantRole role, CancellationToken cancellationToken);

    /// <summary>Removes a member; the last admin cannot be removed (<see cref="Common.ConflictException"/>).</summary>
    Task RemoveAsync(string tenant, Guid userId, CancellationToken cancellationToken);

    /// <summary>Creates a one-time invitation link for <paramref name="email"/>; the token is returned once.</summary>
    Task<InvitationCreated> InviteAsync(string tenant, string email, TenantRole role, CancellationToken cancellationToken);

    /// <summary>Withdraws an open invitation.</summary>
    Task RevokeInvitationAsync(string tenant, Guid invitationId, CancellationToken cancellationToken);
}
