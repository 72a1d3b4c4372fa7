using System.Net;
using AngleSharp.Dom;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Security;

/// <summary>Every form post needs the antiforgery token of the same browser session.</summary>
public sealed class AntiforgeryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_sign_in_without_the_token_is_refused()
    {
        var user = await portal.CreateUserAsync();
        using var client = portal.CreateAnonymousClient();
        await client.GetAsync("/account/login");

        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("hikube.session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_change_without_the_token_changes_nothing()
    {
        var user = await portal.CreateUserAsync();
        using var client = await portal.SignedInClientAsync(user);

        using var response = await client.PostAsync("/account/manage/password", PasswordChange(user, token: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertPasswordUnchangedAsync(user);
    }

    [Fact]
    public async Task A_token_from_another_session_is_refused()
    {
        var victim = await portal.CreateUserAsync("victim");
        var attacker = await portal.CreateUserAsync("attacker");
        using var victimBrowser = await portal.SignedInClientAsync(victim);
        using var attackerBrowser = await portal.SignedInClientAsync(attacker);
        var attackerToken = await attackerBrowser.AntiforgeryTokenAsync();

        using var response = await victimBrowser.PostAsync("/account/manage/password", PasswordChange(victim, attackerToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertPasswordUnchangedAsync(victim);
        // The same post with the victim's own token goes through: the refusal above was the token, nothing else.
        using var own = await victimBrowser.PostAsync("/account/manage/password", PasswordChange(victim, await victimBrowser.AntiforgeryTokenAsync()));
        Assert.True(own.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"own token -> {own.StatusCode}");
        using var fresh = portal.CreateAnonymousClient();
        using var withNew = await fresh.SignInAsync(victim.Email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }

    private const string NewPassword = "Another-password-456";

    private static FormUrlEncodedContent PasswordChange(TestUser user, string? token)
    {
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        };
        if (token is not null)
        {
            fields[PortalHttp.AntiforgeryField] = token;
        }
        return new FormUrlEncodedContent(fields);
    }

    private async Task AssertPasswordUnchangedAsync(TestUser user)
    {
        using var fresh = portal.CreateAnonymousClient();
        using var signIn = await fresh.SignInAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Sign_out_needs_the_token()
    {
        var user = await portal.CreateUserAsync();
        var tenant = await portal.CreateTenantAsync((user, TenantRole.View));
        using var client = await portal.SignedInClientAsync(user);

        using var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        using var stillIn = await client.GetAsync($"/t/{tenant}");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }
}
