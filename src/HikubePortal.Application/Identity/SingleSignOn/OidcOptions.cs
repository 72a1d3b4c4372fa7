using System.ComponentModel.DataAnnotations;
using System.Net;

namespace HikubePortal.Application.Identity.SingleSignOn;

/// <summary>
/// Single sign-on with the platform's OpenID Connect provider (section <c>Oidc</c>). Off while
/// <see cref="Authority"/> is empty: the other settings are then ignored and the portal signs in with its own accounts only.
/// </summary>
public sealed class OidcOptions : IValidatableObject
{
    public const string Section = "Oidc";

    /// <summary>The provider's issuer URL (its discovery document is at <c>/.well-known/openid-configuration</c> below it).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The portal's client secret at the provider (a confidential client). Never logged, never shown.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The provider's name as users know it: the sign-in button says "Sign in with &lt;DisplayName&gt;".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The claim that lists the user's groups.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Scopes to ask for (entries may hold several, space-separated); <c>openid</c> is always asked. Empty: openid profile email.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>The discovery document and keys must come over https; false is accepted for a loopback provider only.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Members of any of these groups are portal operators (full-path or plain names).</summary>
    public IList<string> OperatorGroups { get; } = [];

    /// <summary>
    /// Password sign-in on the sign-in page for everyone (true); false: the sign-in page offers single sign-on only, and
    /// the password form stays at the break-glass address for operator accounts.
    /// </summary>
    public bool LocalAccounts { get; set; } = true;

    /// <summary>Single sign-on is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Password sign-in is kept for operator accounts only.</summary>
    public bool OperatorsOnlyPasswordSignIn => Enabled && !LocalAccounts;

    /// <summary>The scopes the portal asks for, <c>openid</c> first.</summary>
    public IReadOnlyList<string> EffectiveScopes
    {
        get
        {
            var asked = Scopes.SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (asked.Count == 0)
            {
                asked = ["profile", "email"];
            }
            return ["openid", .. asked.Where(s => s != "openid").Distinct(StringComparer.Ordinal)];
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment))
        {
            yield return Fail($"{Section}:Authority is not an http(s) URL without query, e.g. https://keycloak.example.com/realms/cozy (is '{Authority}').", nameof(Authority));
        }
        else if (authority.Scheme == "http" && RequireHttpsMetadata)
        {
            yield return Fail($"{Section}:Authority is http: the provider must be reached over https (set {Section}:RequireHttpsMetadata=false only for a provider on this machine's loopback).", nameof(Authority));
        }
        else if (!RequireHttpsMetadata && !IsLoopback(authority))
        {
            yield return Fail($"{Section}:RequireHttpsMetadata can be false only for a provider on loopback (127.0.0.1, ::1, localhost); {authority.Host} is not.", nameof(RequireHttpsMetadata));
        }
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return Fail($"{Section}:ClientId is not set: the portal's client id at the provider (needed when {Section}:Authority is set).", nameof(ClientId));
        }
        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return Fail($"{Section}:ClientSecret is not set: the portal's client secret at the provider (needed when {Section}:Authority is set; keep it in a Secret).", nameof(ClientSecret));
        }
        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > 64)
        {
            yield return Fail($"{Section}:DisplayName must be 1 to 64 characters: the provider's name on the sign-in button.", nameof(DisplayName));
        }
        if (string.IsNullOrWhiteSpace(GroupsClaim))
        {
            yield return Fail($"{Section}:GroupsClaim must name the claim that lists groups (default groups).", nameof(GroupsClaim));
        }
        if (EffectiveScopes.Any(s => s.Any(c => c is < '!' or > '~' or '"' or '\\')))
        {
            yield return Fail($"{Section}:Scopes holds a character a scope cannot have.", nameof(Scopes));
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static ValidationResult Fail(string message, string member) => new(message, [member]);
}
