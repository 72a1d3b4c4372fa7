namespace HikubePortal.Application.Identity.SingleSignOn;

/// <summary>
/// Who the provider says signed in, read from the validated id_token and userinfo answer (never from the browser).
/// The account is keyed by <see cref="Issuer"/> + <see cref="Subject"/>; the e-mail is only shown and used for
/// Kubernetes impersonation, never to find an account.
/// </summary>
public sealed record ExternalIdentity(
    string Issuer,
    string Subject,
    string? Email,
    bool? EmailVerified,
    string? Name,
    IReadOnlyList<string> Groups);

/// <summary>How a single sign-on ended.</summary>
public enum SingleSignOnOutcome
{
    /// <summary>The portal session is open.</summary>
    SignedIn,

    /// <summary>No tenant group (and no other membership, not an operator): no account was created, no session opened.</summary>
    NoTenant,

    /// <summary>Another portal account already uses the provider's e-mail address: it is not taken over.</summary>
    EmailTaken,

    /// <summary>The provider gave no e-mail address, or one it says is not verified.</summary>
    NoVerifiedEmail,

    /// <summary>The portal account was disabled by an operator.</summary>
    Disabled,
}

/// <summary>Signs a provider user in: the account keyed by issuer + subject, tenant memberships from their groups.</summary>
public interface ISingleSignOnService
{
    /// <summary>
    /// Finds or creates the account, brings its provider memberships (and operator role) in line with the groups,
    /// writes the audit entries and, when the user may use the portal, opens the session.
    /// </summary>
    Task<SingleSignOnOutcome> SignInAsync(ExternalIdentity identity, CancellationToken cancellationToken);
}
