using System.Security.Claims;
using HikubePortal.Application.Identity.SingleSignOn;
using Microsoft.IdentityModel.JsonWebTokens;

namespace HikubePortal.Web.SingleSignOn;

/// <summary>Reads the provider's account from the claims of the validated id_token and userinfo answer.</summary>
internal static class OidcClaims
{
    // The registered claim names, as the identity model library names them.
    public const string Issuer = JwtRegisteredClaimNames.Iss;
    public const string Subject = JwtRegisteredClaimNames.Sub;
    public const string Email = JwtRegisteredClaimNames.Email;
    public const string EmailVerified = JwtRegisteredClaimNames.EmailVerified;
    public const string Name = JwtRegisteredClaimNames.Name;
    public const string PreferredUsername = JwtRegisteredClaimNames.PreferredUsername;

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
