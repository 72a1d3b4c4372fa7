using AngleSharp.Dom;
using System.Net;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.SingleSignOn;

/// <summary>Single sign-on through the local OpenID Provider, driven like a browser without JavaScript.</summary>
public sealed class SingleSignOnTests(SsoPortal portal) : IClassFixture<SsoPortal>
{
    [Fact]
    public async Task A_use_user_signs_in_and_reaches_the_tenant_with_the_account_created_and_audited()
    {
        var tenant = await portal.CreateTenantAsync();
        var user = portal.Provider.CreateUser([$"/tenant-{tenant}-use"]);
        var browser = SsoBrowser.For(portal);

        using var landed = await browser.SignInAsync(user, $"/t/{tenant}");

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal($"/t/{tenant}", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal((TenantRole.Use, MembershipSource.Provider), (await portal.MembershipsOfAsync(user.Email))[tenant]);
        Assert.Equal((1, 1), await portal.AccountsWithAsync(user.Email));
        var audit = await portal.AuditAboutAsync(user.Email);
        Assert.Contains(audit, a => a.Action == AuditActions.UserCreated && a.Detail == "first sign-in with Local SSO");
        Assert.Contains(audit, a => a.Action == AuditActions.MemberAdded && a.Tenant == tenant && a.Detail == "role use, from Local SSO");
        Assert.Contains(audit, a => a.Action == AuditActions.SignIn && a.Outcome == AuditOutcome.Success && a.Detail == "single sign-on with Local SSO");
        Assert.DoesNotContain(browser.Visited, u => u.Query.Contains("id_token", StringComparison.Ordinal) || u.Query.Contains("client_secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Full_path_and_plain_groups_map_to_the_highest_role_per_tenant_and_unknown_tenants_are_ignored()
    {
        var a = await portal.CreateTenantAsync();
        var b = await portal.CreateTenantAsync();
        var c = await portal.CreateTenantAsync();
        var user = portal.Provider.CreateUser(
        [
            $"/tenant-{a}-view", $"/tenant-{a}-admin", $"tenant-{b}-use", $"/tenant-{c}-super-admin",
            "/tenant-does-not-exist-admin", "/developers",
        ]);

        using var landed = await SsoBrowser.For(portal).SignInAsync(user);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        var memberships = await portal.MembershipsOfAsync(user.Email);
        Assert.Equal(3, memberships.Count);
        Assert.Equal((TenantRole.Admin, MembershipSource.Provider), memberships[a]);
        Assert.Equal((TenantRole.Use, MembershipSource.Provider), memberships[b]);
        Assert.Equal((TenantRole.Admin, MembershipSource.Provider), memberships[c]);
    }

    [Fact]
    public async Task Memberships_follow_the_provider_at_the_next_sign_in_and_portal_memberships_stay()
    {
        var a = await portal.CreateTenantAsync();
        var b = await portal.CreateTenantAsync();
        var d = await portal.CreateTenantAsync();
        var user = portal.Provider.CreateUser([$"/tenant-{a}-use", $"/tenant-{b}-admin"]);
        (await SsoBrowser.For(portal).SignInAsync(user)).Dispose();
        await portal.AsSystemAsync(async s =>
        {
            await s.GetRequiredService<IMembershipService>().AddExistingAsync(d, user.Email, TenantRole.View, CancellationToken.None);
            return true;
        });

        user.SetGroups([$"/tenant-{a}-admin"]);
        using var again = await SsoBrowser.For(portal).SignInAsync(user);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var memberships = await portal.MembershipsOfAsync(user.Email);
        Assert.Equal((TenantRole.Admin, MembershipSource.Provider), memberships[a]);
        Assert.False(memberships.ContainsKey(b));
        Assert.Equal((TenantRole.View, MembershipSource.Portal), memberships[d]);
        var audit = await portal.AuditAboutAsync(user.Email);
        Assert.Contains(audit, e => e.Action == AuditActions.MemberRoleChanged && e.Tenant == a && e.Detail == "role use -> admin, from Local SSO");
        Assert.Contains(audit, e => e.Action == AuditActions.MemberRemoved && e.Tenant == b && e.Detail == "role admin, group gone at Local SSO");
    }

    [Fact]
    public async Task An_operator_group_makes_an_operator_without_any_tenant_and_leaving_it_revokes_the_role()
    {
        var tenant = await portal.CreateTenantAsync();
        var user = portal.Provider.CreateUser(["/hikube-operators"]);

        using var first = await SsoBrowser.For(portal).SignInAsync(user, "/operator/tenants");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("/operator/tenants", first.RequestMessage!.RequestUri!.AbsolutePath);

        user.SetGroups([$"/tenant-{tenant}-view"]);
        var browser = SsoBrowser.For(portal);
        (await browser.SignInAsync(user)).Dispose();
        using var operatorPage = await browser.Client.GetAsync("/operator/tenants");

        Assert.NotEqual(HttpStatusCode.OK, operatorPage.StatusCode);
        var audit = await portal.AuditAboutAsync(user.Email);
        Assert.Contains(audit, e => e.Action == AuditActions.OperatorGranted && e.Detail == "operator group at Local SSO");
        Assert.Contains(audit, e => e.Action == AuditActions.OperatorRevoked && e.Detail == "operator group at Local SSO");
    }

    [Fact]
    public async Task An_admin_sees_the_source_and_cannot_change_a_provider_membership()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        var user = portal.Provider.CreateUser([$"/tenant-{tenant}-use"]);
        (await SsoBrowser.For(portal).SignInAsync(user)).Dispose();
        using var client = await portal.SignedInClientAsync(admin);

        var (_, page) = await client.GetPageAsync($"/t/{tenant}/members");
        var row = page.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(user.Email, StringComparison.Ordinal));
        Assert.Contains("from Local SSO", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(row.QuerySelectorAll(".mud-select, button"));
        var userId = (await portal.AuditAboutAsync(user.Email)).First(e => e.UserId is not null).UserId!.Value;
        var refused = await Assert.ThrowsAsync<ConflictException>(() => portal.AsUserAsync(admin, async s =>
        {
            await s.GetRequiredService<IMembershipService>().RemoveAsync(tenant, userId, CancellationToken.None);
            return true;
        }));
        Assert.Contains("comes from their groups at Local SSO", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TenantRole.Use, (await portal.MembershipsOfAsync(user.Email))[tenant].Role);
    }

    [Fact]
    public async Task A_provider_user_with_the_email_of_a_local_account_does_not_get_that_account()
    {
        var local = await portal.CreateUserAsync("local");
        var tenant = await portal.CreateTenantAsync((local, TenantRole.Admin));
        var impostor = portal.Provider.CreateUser([$"/tenant-{tenant}-admin"], email: local.Email);
        var browser = SsoBrowser.For(portal);

        using var answer = await browser.SignInAsync(impostor, $"/t/{tenant}");

        Assert.Equal("/account/sso/failed?reason=email-taken", answer.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("never joined by e-mail", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((1, 0), await portal.AccountsWithAsync(local.Email));
        using var tenantPage = await browser.Client.GetAsync($"/t/{tenant}");
        Assert.StartsWith("/account/login", tenantPage.RedirectPath(), StringComparison.Ordinal);
        Assert.Contains(await portal.AuditAboutAsync(local.Email), e => e.Action == AuditActions.SignIn && e.Outcome == AuditOutcome.Denied
            && e.Detail == "single sign-on with Local SSO: e-mail address already used by another portal account");
    }

    [Fact]
    public async Task A_user_without_a_tenant_group_is_told_whom_to_ask_and_no_account_is_created()
    {
        var user = portal.Provider.CreateUser(["/developers", "/tenant-nowhere-to-be-found-use"]);

        using var answer = await SsoBrowser.For(portal).SignInAsync(user);

        Assert.Equal("/account/sso/failed?reason=no-tenant", answer.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("Ask your tenant&#x27;s admin", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((0, 0), await portal.AccountsWithAsync(user.Email));
    }

    [Fact]
    public async Task Sign_out_ends_the_portal_session_and_the_provider_session()
    {
        var tenant = await portal.CreateTenantAsync();
        var user = portal.Provider.CreateUser([$"/tenant-{tenant}-view"]);
        var browser = SsoBrowser.For(portal);
        (await browser.SignInAsync(user)).Dispose();

        using var signOut = await browser.Client.SignOutAsync();
        var endSession = new Uri(signOut.Headers.Location!.ToString());
        Assert.StartsWith(portal.Provider.Issuer, endSession.ToString(), StringComparison.Ordinal);
        Assert.Contains($"client_id={portal.Provider.ClientId}", endSession.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("id_token_hint", endSession.Query, StringComparison.Ordinal);
        using var confirm = await browser.GetAsync(endSession);
        var (_, page) = await browser.Client.GetPageAsync(confirm.RequestMessage!.RequestUri!.ToString());
        var form = page.GetElementById("op.logoutForm") as AngleSharp.Html.Dom.IHtmlFormElement;
        var xsrf = ((AngleSharp.Html.Dom.IHtmlInputElement)form!.QuerySelector("input[name=xsrf]")!).Value;
        using var back = await browser.PostAsync(new Uri(confirm.RequestMessage.RequestUri!, form.GetAttribute("action")), new Dictionary<string, string> { ["xsrf"] = xsrf, ["logout"] = "yes" });

        Assert.Equal("/account/login", back.RequestMessage!.RequestUri!.AbsolutePath);
        using var tenantPage = await browser.Client.GetAsync($"/t/{tenant}");
        Assert.StartsWith("/account/login", tenantPage.RedirectPath(), StringComparison.Ordinal);
        using var again = await browser.StartAsync();
        Assert.StartsWith(portal.Provider.Issuer + "/interaction/", again.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
    }
}
