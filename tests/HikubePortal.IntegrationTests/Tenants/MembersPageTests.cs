using System.Net;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Tenants;

/// <summary>
/// A tenant admin manages members through the service the interactive members page calls (it checks the admin role on
/// every call); the page itself answers its GET with the members; invitation links work through the static pages.
/// </summary>
public sealed class MembersPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private Task<T> AsAdminAsync<T>(TestUser admin, Func<IMembershipService, Task<T>> action) =>
        portal.AsUserAsync(admin, s => action(s.GetRequiredService<IMembershipService>()));

    private Task<bool> AsAdminAsync(TestUser admin, Func<IMembershipService, Task> action) =>
        AsAdminAsync(admin, async m => { await action(m); return true; });

    [Fact]
    public async Task An_admin_adds_an_existing_user_changes_the_role_and_removes_them()
    {
        var admin = await portal.CreateUserAsync("admin");
        var other = await portal.CreateUserAsync("other");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));

        await AsAdminAsync(admin, m => m.AddExistingAsync(tenant, other.Email, TenantRole.Use, CancellationToken.None));
        Assert.Equal(TenantRole.Use, await RoleOfAsync(tenant, other));
        using (var client = await portal.SignedInClientAsync(admin))
        {
            // The page's first (prerendered) answer lists the members with their role.
            var (response, page) = await client.GetPageAsync($"/t/{tenant}/members");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(page.QuerySelectorAll("tr"), r => r.TextContent.Contains(other.Email, StringComparison.Ordinal));
        }

        await AsAdminAsync(admin, m => m.ChangeRoleAsync(tenant, other.Id, TenantRole.Admin, CancellationToken.None));
        Assert.Equal(TenantRole.Admin, await RoleOfAsync(tenant, other));

        await AsAdminAsync(admin, m => m.RemoveAsync(tenant, other.Id, CancellationToken.None));
        Assert.Null(await RoleOfAsync(tenant, other));
    }

    [Fact]
    public async Task Adding_someone_without_an_account_or_twice_explains_why_not()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));

        var unknown = await Assert.ThrowsAsync<InvalidException>(() => AsAdminAsync(admin, m => m.AddExistingAsync(tenant, "nobody@example.com", TenantRole.Use, CancellationToken.None)));
        var twice = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(admin, m => m.AddExistingAsync(tenant, admin.Email, TenantRole.Use, CancellationToken.None)));

        Assert.Equal("There is no user nobody@example.com: invite them instead.", unknown.Message);
        Assert.Contains("is already a member of", twice.Message, StringComparison.Ordinal);
        Assert.Equal(TenantRole.Admin, await RoleOfAsync(tenant, admin));
    }

    [Fact]
    public async Task The_last_admin_can_neither_demote_nor_remove_themself()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));

        var demote = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(admin, m => m.ChangeRoleAsync(tenant, admin.Id, TenantRole.View, CancellationToken.None)));
        var remove = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(admin, m => m.RemoveAsync(tenant, admin.Id, CancellationToken.None)));

        Assert.StartsWith("The last admin of tenant-", demote.Message, StringComparison.Ordinal);
        Assert.StartsWith("The last admin of tenant-", remove.Message, StringComparison.Ordinal);
        Assert.Equal(TenantRole.Admin, await RoleOfAsync(tenant, admin));

        var second = await portal.CreateUserAsync("second");
        await portal.AsSystemAsync(async s => { await s.GetRequiredService<IMembershipService>().AddExistingAsync(tenant, second.Email, TenantRole.Admin, CancellationToken.None); return 0; });
        await AsAdminAsync(admin, m => m.ChangeRoleAsync(tenant, admin.Id, TenantRole.Use, CancellationToken.None));
        Assert.Equal(TenantRole.Use, await RoleOfAsync(tenant, admin));
    }

    [Fact]
    public async Task An_invitation_link_creates_the_account_once_and_joins_with_the_role()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        var email = $"{LocalPlatform.UniqueName("invited")}@example.com";

        var created = await AsAdminAsync(admin, m => m.InviteAsync(tenant, email, TenantRole.Use, CancellationToken.None));
        var link = $"/invite/{created.Token}";
        using (var client = await portal.SignedInClientAsync(admin))
        {
            // The members page lists the open invitation, never its link (the token is shown once, in the dialog).
            var (_, members) = await client.GetPageAsync($"/t/{tenant}/members");
            Assert.Contains(members.QuerySelectorAll("tr"), r => r.TextContent.Contains(email, StringComparison.Ordinal));
            Assert.DoesNotContain(created.Token, members.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        using var invited = portal.CreateAnonymousClient();
        var (offer, offerPage) = await invited.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        Assert.Contains(TenantNames.Namespace(tenant), offerPage.Body!.TextContent, StringComparison.Ordinal);
        using var register = await invited.SubmitAsync(offerPage.Form("invite-register"), link, new Dictionary<string, string>
        {
            ["Input.Password"] = "Invited-password-123",
            ["Input.ConfirmPassword"] = "Invited-password-123",
        });
        Assert.Equal($"/t/{tenant}", register.RedirectPath());
        using var tenantPage = await invited.GetAsync($"/t/{tenant}");
        Assert.Equal(HttpStatusCode.OK, tenantPage.StatusCode);

        using var again = await portal.CreateAnonymousClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("not valid any more", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_invitation_link_stops_working()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        var created = await AsAdminAsync(admin, m => m.InviteAsync(tenant, $"{LocalPlatform.UniqueName("later")}@example.com", TenantRole.View, CancellationToken.None));

        await AsAdminAsync(admin, m => m.RevokeInvitationAsync(tenant, created.Id, CancellationToken.None));

        using var withdrawn = await portal.CreateAnonymousClient().GetAsync($"/invite/{created.Token}");
        Assert.Equal(HttpStatusCode.Gone, withdrawn.StatusCode);
        Assert.Empty((await AsAdminAsync(admin, m => m.ListAsync(tenant, CancellationToken.None))).Invitations);
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
