using Microsoft.AspNetCore.Identity;

namespace HikubePortal.Application.Identity;

/// <summary>A person who signs in to the portal. The user name is the email address.</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The person's name as the identity provider gives it (single sign-on accounts); null for local accounts.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Set by an operator: the user can no longer sign in; null while the account is active.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
