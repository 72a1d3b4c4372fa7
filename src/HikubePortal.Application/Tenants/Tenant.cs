using HikubePortal.Application.Identity;

namespace HikubePortal.Application.Tenants;

/// <summary>A tenant: a Kubernetes namespace <c>tenant-&lt;name&gt;</c> and the people who may use it.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    /// <summary>The short name (<see cref="TenantNames"/>); unique, never changes.</summary>
    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ICollection<Membership> Memberships { get; } = [];
}

/// <summary>A user's role in a tenant.</summary>
public sealed class Membership
{
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public TenantRole Role { get; set; }

    /// <summary>Who manages the membership: the portal's admins, or the identity provider's groups.</summary>
    public MembershipSource Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Tenant? Tenant { get; set; }

    public PortalUser? User { get; set; }
}

/// <summary>Where a membership comes from.</summary>
public enum MembershipSource
{
    /// <summary>Added in the portal (by an admin, an operator or an invitation); admins change and remove it.</summary>
    Portal = 0,

    /// <summary>From the user's groups at the identity provider, renewed at each sign-in; changed only there.</summary>
    Provider = 1,
}

/// <summary>A one-time invitation to join a tenant; only a hash of its token is stored.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The invited address, upper-cased like Identity's normalized emails.</summary>
    public required string NormalizedEmail { get; set; }

    public required string Email { get; set; }

    public TenantRole Role { get; set; }

    /// <summary>SHA-256 of the token in the link, hex.</summary>
    public required string TokenHash { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public Guid? AcceptedByUserId { get; set; }

    public Tenant? Tenant { get; set; }
}
