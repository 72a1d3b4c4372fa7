namespace HikubePortal.Application.Tenants;

/// <summary>A tenant in the operator's list.</summary>
public sealed record TenantSummary(Guid Id, string Name, DateTimeOffset CreatedAt, int Members, int Admins)
{
    public string Namespace => TenantNames.Namespace(Name);
}

/// <summary>A member of a tenant; <see cref="MembershipSource.Provider"/> memberships are changed at the identity provider only.</summary>
public sealed record MemberView(Guid UserId, string Email, TenantRole Role, DateTimeOffset Since, bool Disabled, MembershipSource Source = MembershipSource.Portal)
{
    /// <summary>Whether an admin can change the role or remove the member in the portal.</summary>
    public bool Editable => Source == MembershipSource.Portal;
}

/// <summary>An invitation not yet accepted.</summary>
public sealed record InvitationView(Guid Id, string Email, TenantRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// The members page: members by email, then open invitations. <see cref="ProviderName"/>: the identity provider's
/// display name (for "from &lt;provider&gt;"), null while single sign-on is off.
/// </summary>
public sealed record MembersPage(IReadOnlyList<MemberView> Members, IReadOnlyList<InvitationView> Invitations, string? ProviderName = null);

/// <summary>A new invitation: the link token is shown once to the admin, only its hash is stored.</summary>
public sealed record InvitationCreated(Guid Id, string Email, TenantRole Role, string Token, DateTimeOffset ExpiresAt);

/// <summary>An invitation as its recipient sees it.</summary>
public sealed record InvitationInfo(string Tenant, string Email, TenantRole Role, DateTimeOffset ExpiresAt, bool AccountExists);

/// <summary>A new tenant's name as checked while typed: <see cref="Problem"/> in words (rules or already used), or none.</summary>
public sealed record TenantNameCheck(string Name, string? Problem, bool Available);
