using AngleSharp.Dom;
using Bunit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Members;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HikubePortal.ComponentTests.Members;

/// <summary>A tenant admin's members page: change roles in place, remove and withdraw after asking, add and invite in a dialog.</summary>
public sealed class MembersPageTests : PortalTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly FakeMembershipService _members = new();

    public MembersPageTests()
    {
        Services.AddSingleton<IMembershipService>(_members);
        AddBunitPersistentComponentState();
    }

    private IRenderedComponent<Web.Components.Pages.Members.Members> RenderPage() =>
        Render<Web.Components.Pages.Members.Members>(p => p.Add(m => m.Tenant, "acme"));

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static async Task ChooseRoleAsync(IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<Web.Components.Pages.Members.Members> page, string email, string role)
    {
        var select = page.FindAll("tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal)).QuerySelector(".mud-select .mud-input-control")!;
        await select.MouseDownAsync(new());
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == role), Wait);
        await popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == role).ClickAsync(new());
    }

    [Fact]
    public void Members_show_their_role_and_a_provider_membership_only_as_a_chip()
    {
        _members.Add("ana@example.com", TenantRole.Admin);
        _members.Add("sso@example.com", TenantRole.Use, MembershipSource.Provider);
        _members.ProviderName = "Local SSO";

        var page = RenderPage();

        var ana = page.FindAll("tr").Single(r => r.TextContent.Contains("ana@example.com", StringComparison.Ordinal));
        Assert.NotNull(ana.QuerySelector(".mud-select"));
        Assert.NotNull(ana.QuerySelector("button[aria-label='Remove ana@example.com']"));
        var sso = page.FindAll("tr").Single(r => r.TextContent.Contains("sso@example.com", StringComparison.Ordinal));
        Assert.Contains("from Local SSO", sso.TextContent, StringComparison.Ordinal);
        Assert.Null(sso.QuerySelector(".mud-select"));
        Assert.Empty(sso.QuerySelectorAll("button"));
    }

    [Fact]
    public async Task A_role_is_changed_in_place()
    {
        _members.Add("ana@example.com", TenantRole.Admin);
        var bob = _members.Add("bob@example.com", TenantRole.View);
        var popovers = Render<MudPopoverProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderPage();

        await ChooseRoleAsync(popovers, page, "bob@example.com", "use");

        page.WaitForAssertion(() => Assert.Contains("role bob@example.com use", _members.Calls), Wait);
        Assert.Equal(TenantRole.Use, _members.Members.Single(m => m.UserId == bob.UserId).Role);
        snackbars.WaitForAssertion(() => Assert.Contains("bob@example.com is now use.", snackbars.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task The_last_admin_is_not_demoted_and_the_page_says_why()
    {
        _members.Add("ana@example.com", TenantRole.Admin);
        var popovers = Render<MudPopoverProvider>();
        var page = RenderPage();

        await ChooseRoleAsync(popovers, page, "ana@example.com", "view");

        page.WaitForAssertion(() => Assert.Contains("The last admin of tenant-acme cannot be demoted: make someone else admin first.",
            page.Find("[role=alert]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(TenantRole.Admin, _members.Members.Single().Role);
        // The select shows the role the member still has.
        Assert.Equal("admin", page.Find("#" + Web.Components.Pages.Members.Members.RoleId(_members.Members.Single().UserId)).GetAttribute("value"));
    }

    [Fact]
    public async Task Removing_asks_first_and_cancelling_changes_nothing()
    {
        _members.Add("ana@example.com", TenantRole.Admin);
        _members.Add("bob@example.com", TenantRole.Use);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        var asking = page.Find("button[aria-label='Remove bob@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("bob@example.com loses access to tenant-acme at once", dialogs.Markup, StringComparison.Ordinal), Wait);
        await Button(dialogs, "Cancel").ClickAsync(new());
        await asking;
        Assert.DoesNotContain(_members.Calls, c => c.StartsWith("remove", StringComparison.Ordinal));

        asking = page.Find("button[aria-label='Remove bob@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Button(dialogs, "Remove member"), Wait);
        await Button(dialogs, "Remove member").ClickAsync(new());
        await asking;

        Assert.Contains("remove bob@example.com", _members.Calls);
        page.WaitForAssertion(() => Assert.DoesNotContain("bob@example.com", page.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Adding_checks_the_email_as_typed_and_shows_the_services_refusal_on_the_field()
    {
        _members.Add("ana@example.com", TenantRole.Admin);
        _members.Accounts.Add("carl@example.com");
        var dialogs = Render<MudDialogProvider>();
        _ = Render<MudPopoverProvider>();
        var page = RenderPage();

        var adding = page.Find("#add-member").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("#member-email"), Wait);
        await dialogs.Find("#member-email").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "not-an-email" });
        dialogs.WaitForAssertion(() => Assert.Contains("Enter an email address.", dialogs.Markup, StringComparison.Ordinal), Wait);

        await dialogs.Find("#member-email").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "nobody@example.com" });
        Assert.DoesNotContain("Enter an email address.", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.Find("#member-form").SubmitAsync();
        dialogs.WaitForAssertion(() => Assert.Contains("There is no user nobody@example.com: invite them instead.", dialogs.Markup, StringComparison.Ordinal), Wait);

        await dialogs.Find("#member-email").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "carl@example.com" });
        await dialogs.Find("#member-form").SubmitAsync();
        await adding;

        Assert.Contains("add carl@example.com use", _members.Calls);
        page.WaitForAssertion(() => Assert.Contains("carl@example.com", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(dialogs.FindAll("#member-email"));
    }

    [Fact]
    public async Task An_invitation_link_is_shown_once_after_the_click_and_the_invitation_can_be_withdrawn()
    {
        _members.Add("ana@example.com", TenantRole.Admin);
        var dialogs = Render<MudDialogProvider>();
        _ = Render<MudPopoverProvider>();
        var page = RenderPage();
        Assert.DoesNotContain("secret-token-123", page.Markup, StringComparison.Ordinal);

        var inviting = page.Find("#invite-member").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("#member-email"), Wait);
        await dialogs.Find("#member-email").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "dora@example.com" });
        await dialogs.Find("#member-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Equal("http://localhost/invite/secret-token-123", dialogs.Find("#invite-link").GetAttribute("value")), Wait);
        Assert.NotNull(dialogs.Find("button[aria-label='Copy the invitation link']"));
        await Button(dialogs, "Done").ClickAsync(new());
        await inviting;

        Assert.Contains("invite dora@example.com use", _members.Calls);
        page.WaitForAssertion(() => Assert.Contains("Open invitations (1)", page.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("secret-token-123", page.Markup, StringComparison.Ordinal);

        var withdrawing = page.Find("button[aria-label='Withdraw the invitation of dora@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Button(dialogs, "Withdraw invitation"), Wait);
        await Button(dialogs, "Withdraw invitation").ClickAsync(new());
        await withdrawing;

        Assert.Contains("withdraw dora@example.com", _members.Calls);
        page.WaitForAssertion(() => Assert.DoesNotContain("Open invitations", page.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void A_refused_list_is_said_in_words()
    {
        _members.Failure = new ForbiddenException("Your role in tenant-acme does not allow this.");

        var page = RenderPage();

        Assert.Contains("The members cannot be shown.", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Contains("does not allow this", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }
}
