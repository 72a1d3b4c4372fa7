using System.Security.Claims;
using HikubePortal.Application.Identity.SingleSignOn;

namespace HikubePortal.Web.SingleSignOn;

/// <summary>Reads the provider's account from the claims of the validated id_token and userinfo answer.</summary>
internal static class OidcClaims
{
    public const string Issuer = "iss";
    public const string Subject = "sub";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string Name = "name";
    public const string PreferredUsername = "preferred_username";

    /// <summary>The identity, or null when the principal lacks an issuer or a subject.</summary>
    public static ExternalIdentity? Read(ClaimsPrincipal principal, OidcOptions settings)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(settings);
        var issuer = principal.FindFirstValue(Issuer);
        var subject = principal.FindFirstValue(Subject);
        if (string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(subject))
        {
            return null;
        }
        bool? verified = bool.TryParse(principal.FindFirstValue(EmailVerified), out var value) ? value : null;
        var groups = principal.FindAll(settings.GroupsClaim)
            .Select(c => c.Value)
            .Where(g => !string.IsNullOrWhiteSpace(g))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new ExternalIdentity(
            issuer,
            subject,
            principal.FindFirstValue(Email),
            verified,
            principal.FindFirstValue(Name) ?? principal.FindFirstValue(PreferredUsername),
            groups);
    }
}
