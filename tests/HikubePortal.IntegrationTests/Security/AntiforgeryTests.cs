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
    public async Task A_members_post_without_the_token_changes_nothing()
    {
        var admin = await portal.CreateUserAsync("admin");
        var other = await portal.CreateUserAsync("other");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        using var client = await portal.SignedInClientAsync(admin);

        using var response = await client.PostAsync($"/t/{tenant}/members", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "member-add",
            ["Add.Email"] = other.Email,
            ["Add.Role"] = "admin",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var members = await portal.AsSystemAsync(s => s.GetRequiredService<IMembershipService>().ListAsync(tenant, CancellationToken.None));
        Assert.DoesNotContain(members.Members, m => m.UserId == other.Id);
    }

    [Fact]
    public async Task A_token_from_another_session_is_refused()
    {
        var admin = await portal.CreateUserAsync("admin");
        var attacker = await portal.CreateUserAsync("attacker");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        using var victim = await portal.SignedInClientAsync(admin);
        using var other = await portal.SignedInClientAsync(attacker);
        var (_, attackerPage) = await other.GetPageAsync("/account/manage");
        var (_, victimPage) = await victim.GetPageAsync($"/t/{tenant}/members");

        using var response = await victim.SubmitAsync(victimPage.Form("member-add"), $"/t/{tenant}/members", new Dictionary<string, string>
        {
            [PortalHttp.AntiforgeryField] = attackerPage.Form().QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name={PortalHttp.AntiforgeryField}]")!.Value,
            ["Add.Email"] = attacker.Email,
            ["Add.Role"] = "admin",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
