using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;

namespace HikubePortal.ComponentTests.Infrastructure;

/// <summary>
/// A tenant's members in memory, with the real service's refusals that pages must show: no such user, already a member,
/// the last admin. Every call is recorded.
/// </summary>
internal sealed class FakeMembershipService : IMembershipService
{
    public List<MemberView> Members { get; } = [];

    public List<InvitationView> Invitations { get; } = [];

    /// <summary>Emails of accounts that exist (can be added).</summary>
    public HashSet<string> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Calls { get; } = [];

    public string? ProviderName { get; set; }

    /// <summary>Thrown by the next call (a lowered role: forbidden).</summary>
    public PortalException? Failure { get; set; }

    public MemberView Add(string email, TenantRole role, MembershipSource source = MembershipSource.Portal)
    {
        var member = new MemberView(Guid.NewGuid(), email, role, PortalTestContext.Now.AddDays(-3), false, source);
        Members.Add(member);
        Accounts.Add(email);
        return member;
    }

    public Task<MembersPage> ListAsync(string tenant, CancellationToken cancellationToken) =>
        Run($"list {tenant}", () => new MembersPage([.. Members.OrderBy(m => m.Email)], [.. Invitations], ProviderName));

    public Task AddExistingAsync(string tenant, string email, TenantRole role, CancellationToken cancellationToken) =>
        Run($"add {email} {role.Slug()}", () =>
        {
            if (!Accounts.Contains(email))
            {
                throw InvalidException.For("Email", $"There is no user {email}: invite them instead.");
            }
            if (Members.Any(m => m.Email == email))
            {
                throw new ConflictException($"{email} is already a member of tenant-{tenant}.");
            }
            Add(email, role);
            return 0;
        });

    public Task ChangeRoleAsync(string tenant, Guid userId, TenantRole role, CancellationToken cancellationToken) =>
        Run($"role {Email(userId)} {role.Slug()}", () =>
        {
            var index = Members.FindIndex(m => m.UserId == userId);
            LastAdminCheck(tenant, Members[index], role == TenantRole.Admin ? null : "demoted");
            Members[index] = Members[index] with { Role = role };
            return 0;
        });

    public Task RemoveAsync(string tenant, Guid userId, CancellationToken cancellationToken) =>
        Run($"remove {Email(userId)}", () =>
        {
            var member = Members.Single(m => m.UserId == userId);
            LastAdminCheck(tenant, member, "removed");
            Members.Remove(member);
            return 0;
        });

    public Task<InvitationCreated> InviteAsync(string tenant, string email, TenantRole role, CancellationToken cancellationToken) =>
        Run($"invite {email} {role.Slug()}", () =>
        {
            var invitation = new InvitationView(Guid.NewGuid(), email, role, PortalTestContext.Now, PortalTestContext.Now.AddDays(7));
            Invitations.Add(invitation);
            return new InvitationCreated(invitation.Id, email, role, "secret-token-123", invitation.ExpiresAt);
        });

    public Task RevokeInvitationAsync(string tenant, Guid invitationId, CancellationToken cancellationToken) =>
        Run($"withdraw {Invitations.Single(i => i.Id == invitationId).Email}", () => Invitations.RemoveAll(i => i.Id == invitationId));

    private string Email(Guid userId) => Members.Single(m => m.UserId == userId).Email;

    private void LastAdminCheck(string tenant, MemberView member, string? verb)
    {
        if (verb is not null && member.Role == TenantRole.Admin && Members.Count(m => m.Role == TenantRole.Admin) == 1)
        {
            throw new ConflictException($"The last admin of tenant-{tenant} cannot be {verb}: make someone else admin first.");
        }
    }

    private Task<T> Run<T>(string call, Func<T> action)
    {
        Calls.Add(call);
        if (Failure is { } failure)
        {
            return Task.FromException<T>(failure);
        }
        try
        {
            return Task.FromResult(action());
        }
        catch (PortalException ex)
        {
            return Task.FromException<T>(ex);
        }
    }
}
