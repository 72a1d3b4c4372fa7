using System.Net;
using AngleSharp.Dom;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.Accounts;

/// <summary>Change password and two-factor authentication, through the pages.</summary>
public sealed class AccountSecurityTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_the_policy()
    {
        var user = await portal.CreateUserAsync();
        using var client = await portal.SignedInClientAsync(user);
        const string url = "/account/manage/password";

        using var wrongCurrent = await client.PostFormAsync(url, "change-password", Passwords("Not-my-password-1", "New-password-4567"));
        using var weak = await client.PostFormAsync(url, "change-password", Passwords(user.Password, "alllowercase-long"));
        using var changed = await client.PostFormAsync(url, "change-password", Passwords(user.Password, "New-password-4567"));

        Assert.Contains("Incorrect password.", await wrongCurrent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("uppercase", await weak.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{url}?done=true", changed.RedirectPath());
        using var oldPassword = await portal.CreateAnonymousClient().SignInAsync(user.Email, user.Password);
        using var newPassword = await portal.CreateAnonymousClient().SignInAsync(user.Email, "New-password-4567");
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }

    [Fact]
    public async Task Two_factor_with_an_authenticator_app_recovery_codes_and_a_remembered_device()
    {
        var user = await portal.CreateUserAsync();
        using var client = await portal.SignedInClientAsync(user);

        // Set up: the page shows the key and a QR code; a code from the key turns two-factor on.
        var (_, setup) = await client.GetPageAsync("/account/manage/2fa/setup");
        var key = setup.QuerySelector("kbd")!.TextContent;
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("img.portal-qr")!.GetAttribute("src"), StringComparison.Ordinal);
        using var bad = await client.SubmitAsync(setup.Form("2fa-verify"), "/account/manage/2fa/setup", new Dictionary<string, string> { ["Input.Code"] = "000000" });
        Assert.Contains("This code is not valid", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var verify = await client.SubmitAsync(setup.Form("2fa-verify"), "/account/manage/2fa/setup",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var codes = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await verify.Content.ReadAsStringAsync())
            .QuerySelector("#recovery-codes")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(10, codes.Length);

        // A new sign-in asks for the code; "remember this device" skips it next time on this browser.
        using var device = portal.CreateAnonymousClient();
        using var password = await device.SignInAsync(user.Email, user.Password);
        Assert.StartsWith("/account/login/2fa", password.RedirectPath(), StringComparison.Ordinal);
        using var second = await device.PostFormAsync(password.RedirectPath()!, "login-2fa", new Dictionary<string, string>
        {
            ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow),
            ["Input.RememberDevice"] = "true",
        });
        Assert.Equal("/", second.RedirectPath());
        using var signOut = await device.SignOutAsync();
        Assert.Equal("/account/login", signOut.RedirectPath());
        using var remembered = await device.SignInAsync(user.Email, user.Password);
        Assert.Equal("/", remembered.RedirectPath());

        // Another browser can use a recovery code, once.
        using var other = portal.CreateAnonymousClient();
        using var otherPassword = await other.SignInAsync(user.Email, user.Password);
        using var recovery = await other.PostFormAsync("/account/login/recovery", "login-recovery", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.Equal("/", recovery.RedirectPath());
        using var third = portal.CreateAnonymousClient();
        await third.SignInAsync(user.Email, user.Password);
        using var reused = await third.PostFormAsync("/account/login/recovery", "login-recovery", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("This recovery code is not valid.", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setting_up_two_factor_keeps_this_session_in_its_tenants_and_ends_the_others()
    {
        // Found by the web scanner (deploy/local/scan.sh): once the set-up page had made the authenticator key (a new
        // security stamp), every tenant page of the same session answered 404 until the user signed in again.
        var user = await portal.CreateUserAsync();
        var tenant = await portal.CreateTenantAsync((user, TenantRole.View));
        using var client = await portal.SignedInClientAsync(user);
        using var other = await portal.SignedInClientAsync(user);

        var (_, setup) = await client.GetPageAsync("/account/manage/2fa/setup");
        using var afterKey = await client.GetAsync($"/t/{tenant}");
        using var otherAfterKey = await other.GetAsync($"/t/{tenant}");
        using var verify = await client.SubmitAsync(setup.Form("2fa-verify"), "/account/manage/2fa/setup",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(setup.QuerySelector("kbd")!.TextContent, DateTimeOffset.UtcNow) });
        using var afterEnable = await client.GetAsync($"/t/{tenant}");

        Assert.Equal(HttpStatusCode.OK, afterKey.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, otherAfterKey.StatusCode);
        Assert.Contains("Two-factor authentication is on.", await verify.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterEnable.StatusCode);
    }

    private static Dictionary<string, string> Passwords(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };
}
