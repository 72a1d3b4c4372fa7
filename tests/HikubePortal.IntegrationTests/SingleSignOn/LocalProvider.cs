using AngleSharp.Dom;
using System.Text.Json;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.SingleSignOn;

/// <summary>
/// The local platform's OpenID Provider (<c>platform.sh env</c>: <c>HIKUBE_OIDC_*</c>). Its users are files, read at every
/// sign-in: a test adds its own users and changes their groups by writing them.
/// </summary>
public sealed record LocalProvider(string Issuer, string ClientId, string ClientSecret, string UsersDirectory, string Password)
{
    private static readonly Lazy<LocalProvider> Instance = new(() => new LocalProvider(
        Need("HIKUBE_OIDC_ISSUER"), Need("HIKUBE_OIDC_CLIENT_ID"), Need("HIKUBE_OIDC_CLIENT_SECRET"),
        Need("HIKUBE_OIDC_USERS_DIR"), Need("HIKUBE_OIDC_USER_PASSWORD")));

    public static LocalProvider Current => Instance.Value;

    /// <summary>The portal's settings for this provider (what <c>deploy/local/lib/portal.sh</c> sets).</summary>
    public IReadOnlyDictionary<string, string?> PortalSettings => new Dictionary<string, string?>
    {
        ["Oidc:Authority"] = Issuer,
        ["Oidc:ClientId"] = ClientId,
        ["Oidc:ClientSecret"] = ClientSecret,
        ["Oidc:DisplayName"] = "Local SSO",
        ["Oidc:RequireHttpsMetadata"] = "false",
        ["Oidc:Scopes:0"] = "openid profile email groups",
        ["Oidc:OperatorGroups:0"] = "hikube-operators",
    };

    /// <summary>A new provider user (unique name; e-mail at <c>sso.test</c> unless given) in <paramref name="groups"/>.</summary>
    public ProviderUser CreateUser(IEnumerable<string> groups, string? email = null)
    {
        var name = LocalPlatform.UniqueName("sso");
        var user = new ProviderUser(this, name, email ?? $"{name}@sso.test");
        user.SetGroups(groups);
        return user;
    }

    private static string Need(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: eval \"$(deploy/local/platform.sh env --name NAME)\" of a platform started with this checkout.");
}

/// <summary>A user of the local provider.</summary>
public sealed record ProviderUser(LocalProvider Provider, string Name, string Email)
{
    /// <summary>Replaces the user's groups at the provider (applies at their next sign-in).</summary>
    public void SetGroups(IEnumerable<string> groups)
    {
        var json = JsonSerializer.Serialize(new
        {
            password = Provider.Password,
            email = Email,
            email_verified = true,
            name = $"Test {Name}",
            groups = groups.ToArray(),
        });
        var file = Path.Combine(Provider.UsersDirectory, Name + ".json");
        File.WriteAllText(file + ".tmp", json);
        File.Move(file + ".tmp", file, overwrite: true);
    }
}
