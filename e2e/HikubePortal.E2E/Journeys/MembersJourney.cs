using System.Text.RegularExpressions;
using HikubePortal.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>A tenant admin on the members page: invite (the link shown once), withdraw, the last admin kept.</summary>
public sealed class MembersJourney(BrowserFixture browser) : PageTest(browser)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsOperatorAsync();
    }

    private async Task OpenMembersAsync(string tenant = "demo")
    {
        await OpenAsync($"t/{tenant}/members");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_invitation_link_is_shown_once_and_the_invitation_withdrawn() => await StepAsync("invite", async () =>
    {
        await OpenMembersAsync();
        await AssertAccessibleAsync("members");
        await ScreenshotsAsync("members");
        var email = $"invited-{Guid.NewGuid():N}"[..20] + "@example.com";

        await Page.GetByRole(AriaRole.Button, new() { Name = "Invite by email" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email", new() { Exact = true }).FillAsync("not-an-email");
        await Expect(dialog).ToContainTextAsync("Enter an email address.");
        await dialog.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await AssertAccessibleAsync("invite dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();

        var link = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Invitation link" });
        await Expect(link).ToHaveValueAsync(new Regex("/invite/[A-Za-z0-9_-]+$"));
        await Expect(link).ToBeFocusedAsync();
        await ScreenshotsAsync("members-invitation-link");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Invite by email" })).ToBeFocusedAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToHaveCountAsync(1);

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Withdraw the invitation of {email}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Withdraw invitation" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
    });

    [Fact]
    public async Task The_last_admin_is_not_demoted_and_the_page_says_why() => await StepAsync("last-admin", async () =>
    {
        // A tenant of its own, whose only admin is the operator (other journeys add admins to demo).
        await OpenMembersAsync(await CreateTenantAsync("members"));
        var me = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = Browser.Portal.OperatorEmail });

        await me.Locator(".mud-select .mud-input-control").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "view", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot be demoted: make someone else admin first.");
        // The select shows the role the admin still has.
        await Expect(me.Locator("input.mud-select-input, input.mud-input-slot").First).ToHaveValueAsync("admin");
    });
}
