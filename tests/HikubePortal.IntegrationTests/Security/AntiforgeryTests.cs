using System.Net;
using AngleSharp.Dom;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;

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

        using var response = await client.PostAsync("/account/manage/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "Forged-password-123",
            ["Input.ConfirmPassword"] = "Forged-password-123",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var oldPassword = await portal.CreateAnonymousClient().SignInAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, oldPassword.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_session_is_refused()
    {
        var victimUser = await portal.CreateUserAsync("victim");
        var attacker = await portal.CreateUserAsync("attacker");
        using var victim = await portal.SignedInClientAsync(victimUser);
        using var other = await portal.SignedInClientAsync(attacker);
        var (_, attackerPage) = await other.GetPageAsync("/account/manage/password");
        var (_, victimPage) = await victim.GetPageAsync("/account/manage/password");

        using var response = await victim.SubmitAsync(victimPage.Form("change-password"), "/account/manage/password", new Dictionary<string, string>
        {
            [PortalHttp.AntiforgeryField] = attackerPage.Form().QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name={PortalHttp.AntiforgeryField}]")!.Value,
            ["Input.CurrentPassword"] = victimUser.Password,
            ["Input.NewPassword"] = "Forged-password-123",
            ["Input.ConfirmPassword"] = "Forged-password-123",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var oldPassword = await portal.CreateAnonymousClient().SignInAsync(victimUser.Email, victimUser.Password);
        Assert.Equal(HttpStatusCode.Redirect, oldPassword.StatusCode);
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
