using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Tenants;

/// <summary>A tenant admin manages members through the members page, like a browser without JavaScript.</summary>
public sealed class MembersPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_admin_adds_an_existing_user_changes_the_role_and_removes_them()
    {
        var admin = await portal.CreateUserAsync("admin");
        var other = await portal.CreateUserAsync("other");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        using var client = await portal.SignedInClientAsync(admin);
        var url = $"/t/{tenant}/members";

        using var add = await client.PostFormAsync(url, "member-add", new Dictionary<string, string> { ["Add.Email"] = other.Email, ["Add.Role"] = "use" });
        Assert.Equal($"{url}?done=added", add.RedirectPath());
        Assert.Equal(TenantRole.Use, await RoleOfAsync(tenant, other));

        using var change = await client.PostFormAsync(url, $"role-{other.Id:N}", new Dictionary<string, string> { ["Role"] = "admin" });
        Assert.Equal($"{url}?done=role", change.RedirectPath());
        Assert.Equal(TenantRole.Admin, await RoleOfAsync(tenant, other));

        using var remove = await client.PostFormAsync(url, $"remove-{other.Id:N}");
        Assert.Equal($"{url}?done=removed", remove.RedirectPath());
        Assert.Null(await RoleOfAsync(tenant, other));
    }

    [Fact]
    public async Task Adding_someone_without_an_account_or_twice_explains_why_not()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        using var client = await portal.SignedInClientAsync(admin);
        var url = $"/t/{tenant}/members";

        using var unknown = await client.PostFormAsync(url, "member-add", new Dictionary<string, string> { ["Add.Email"] = "nobody@example.com", ["Add.Role"] = "use" });
        using var twice = await client.PostFormAsync(url, "member-add", new Dictionary<string, string> { ["Add.Email"] = admin.Email, ["Add.Role"] = "use" });

        Assert.Contains("There is no user nobody@example.com: invite them instead.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("is already a member of", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TenantRole.Admin, await RoleOfAsync(tenant, admin));
    }

    [Fact]
    public async Task The_last_admin_can_neither_demote_nor_remove_themself()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        using var client = await portal.SignedInClientAsync(admin);
        var url = $"/t/{tenant}/members";

        using var demote = await client.PostFormAsync(url, $"role-{admin.Id:N}", new Dictionary<string, string> { ["Role"] = "view" });
        using var remove = await client.PostFormAsync(url, $"remove-{admin.Id:N}");

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Contains("The last admin of tenant-", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TenantRole.Admin, await RoleOfAsync(tenant, admin));

        var second = await portal.CreateUserAsync("second");
        await portal.AsSystemAsync(async s => { await s.GetRequiredService<IMembershipService>().AddExistingAsync(tenant, second.Email, TenantRole.Admin, CancellationToken.None); return 0; });
        using var demoteNow = await client.PostFormAsync(url, $"role-{admin.Id:N}", new Dictionary<string, string> { ["Role"] = "use" });
        Assert.Equal($"{url}?done=role", demoteNow.RedirectPath());
        Assert.Equal(TenantRole.Use, await RoleOfAsync(tenant, admin));
    }

    [Fact]
    public async Task An_invitation_link_creates_the_account_once_and_joins_with_the_role()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        using var client = await portal.SignedInClientAsync(admin);
        var email = $"{LocalPlatform.UniqueName("invited")}@example.com";

        using var invite = await client.PostFormAsync($"/t/{tenant}/members", "member-invite", new Dictionary<string, string> { ["Invite.Email"] = email, ["Invite.Role"] = "use" });
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await invite.Content.ReadAsStringAsync());
        var link = new Uri(page.QuerySelector<IHtmlInputElement>("#invite-link")!.Value);
        Assert.StartsWith("/invite/", link.AbsolutePath, StringComparison.Ordinal);

        using var invited = portal.CreateAnonymousClient();
        var (offer, offerPage) = await invited.GetPageAsync(link.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        Assert.Contains(TenantNames.Namespace(tenant), offerPage.Body!.TextContent, StringComparison.Ordinal);
        using var register = await invited.SubmitAsync(offerPage.Form("invite-register"), link.AbsolutePath, new Dictionary<string, string>
        {
            ["Input.Password"] = "Invited-password-123",
            ["Input.ConfirmPassword"] = "Invited-password-123",
        });
        Assert.Equal($"/t/{tenant}", register.RedirectPath());
        using var tenantPage = await invited.GetAsync($"/t/{tenant}");
        Assert.Equal(HttpStatusCode.OK, tenantPage.StatusCode);

        using var again = await portal.CreateAnonymousClient().GetAsync(link.AbsolutePath);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("not valid any more", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_user_signs_in_to_accept_and_another_account_cannot_use_their_link()
    {
        var admin = await portal.CreateUserAsync("admin");
        var invitee = await portal.CreateUserAsync("invitee");
        var stranger = await portal.CreateUserAsync("stranger");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        var created = await portal.AsUserAsync(admin, s => s.GetRequiredService<IMembershipService>().InviteAsync(tenant, invitee.Email, TenantRole.View, CancellationToken.None));
        var path = $"/invite/{created.Token}";

        using var strangerClient = await portal.SignedInClientAsync(stranger);
        var (_, strangerPage) = await strangerClient.GetPageAsync(path);
        Assert.Contains("but you are signed in as", strangerPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(strangerPage.QuerySelectorAll("input[name=_handler][value=invite-accept]"));

        using var inviteeClient = await portal.SignedInClientAsync(invitee);
        using var accept = await inviteeClient.PostFormAsync(path, "invite-accept");
        Assert.Equal($"/t/{tenant}", accept.RedirectPath());
        Assert.Equal(TenantRole.View, await RoleOfAsync(tenant, invitee));
        Assert.Null(await RoleOfAsync(tenant, stranger));
    }

    private Task<TenantRole?> RoleOfAsync(string tenant, TestUser user) =>
        portal.AsSystemAsync(async s =>
        {
            var page = await s.GetRequiredService<IMembershipService>().ListAsync(tenant, CancellationToken.None);
            return page.Members.FirstOrDefault(m => m.UserId == user.Id)?.Role;
        });
}
