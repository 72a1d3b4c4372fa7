using System.Text.Json;
using Microsoft.Playwright;

namespace HikubePortal.E2E.Pages;

/// <summary>The portal's single sign-on button, and the local provider's own sign-in and sign-out pages.</summary>
public sealed class SsoPages(IPage page)
{
    public ILocator SsoButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Local SSO" });

    public ILocator ProviderUsername => page.GetByLabel("Username");

    public ILocator ProviderPassword => page.GetByLabel("Password");

    public ILocator ProviderSignIn => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public ILocator ProviderConfirmSignOut => page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" });

    public ILocator SignOut => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });

    /// <summary>On the portal's sign-in page: "Sign in with Local SSO", then the provider's form.</summary>
    public async Task SignInAsync(LocalSsoUser user)
    {
        await SsoButton.ClickAsync();
        await ProviderUsername.FillAsync(user.Name);
        await ProviderPassword.FillAsync(user.Password);
        await ProviderSignIn.ClickAsync();
    }

    /// <summary>The user menu's sign-out, then "Yes, sign me out" at the provider.</summary>
    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Account menu of ") }).ClickAsync();
        await SignOut.ClickAsync();
        await ProviderConfirmSignOut.ClickAsync();
    }
}

/// <summary>A user of the local platform's OpenID Provider: a file its users folder (<c>HIKUBE_OIDC_USERS_DIR</c>).</summary>
public sealed record LocalSsoUser(string Name, string Password, string Email)
{
    private static string UsersDirectory => Need("HIKUBE_OIDC_USERS_DIR");

    public static LocalSsoUser Create(params string[] groups)
    {
        var name = $"e2e-{Guid.NewGuid():N}"[..16];
        var user = new LocalSsoUser(name, Need("HIKUBE_OIDC_USER_PASSWORD"), $"{name}@sso.e2e.test");
        user.SetGroups(groups);
        return user;
    }

    /// <summary>Replaces the user's groups at the provider (the portal sees them at the next sign-in).</summary>
    public void SetGroups(params string[] groups)
    {
        var file = Path.Combine(UsersDirectory, Name + ".json");
        File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(new
        {
            password = Password, email = Email, email_verified = true, name = $"E2E {Name}", groups,
        }));
        File.Move(file + ".tmp", file, overwrite: true);
    }

    private static string Need(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: export the platform's settings (deploy/local/platform.sh env).");
}
