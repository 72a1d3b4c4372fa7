using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Operators;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HikubePortal.ComponentTests.Admin;

/// <summary>The operator's tenants and users.</summary>
public sealed class OperatorListsTests : PortalTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly FakeTenantService _tenants = new();
    private readonly FakeUserAdminService _users = new();

    public OperatorListsTests()
    {
        Services.AddSingleton<ITenantService>(_tenants);
        Services.AddSingleton<IUserAdminService>(_users);
        AddBunitPersistentComponentState();
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static UserSummary User(string email, bool disabled = false) => new(Guid.NewGuid(), email, Now, disabled, false, false, false, 1);

    [Fact]
    public void Tenants_are_listed_and_a_tenant_without_admin_is_pointed_out()
    {
        _tenants.Tenants.Add(new TenantSummary(Guid.NewGuid(), "acme", Now, 3, 1));
        _tenants.Tenants.Add(new TenantSummary(Guid.NewGuid(), "orphan", Now, 0, 0));

        var page = Render<Tenants>();

        Assert.Equal(["/t/acme", "/t/orphan"], page.FindAll("td a[href^='/t/']:not([href$='/members'])").Select(a => a.GetAttribute("href")));
        var orphan = page.FindAll("tr").Single(r => r.TextContent.Contains("tenant-orphan", StringComparison.Ordinal));
        Assert.Contains("none", orphan.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_tenants_the_page_says_what_a_tenant_is_and_offers_to_create_one()
    {
        var page = Render<Tenants>();

        Assert.Contains("No tenants yet", page.Markup, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "/operator/tenants/new" && a.TextContent.Contains("Create the first tenant", StringComparison.Ordinal));
    }

    [Fact]
    public void Searching_users_rewrites_the_address_and_reads_that_search()
    {
        _users.Users.AddRange([User("ana@example.com"), User("bob@example.com")]);
        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.Contains("bob@example.com", page.Markup, StringComparison.Ordinal), Wait);

        page.ByLabel("Search by email").Input("ana");

        page.WaitForAssertion(() => Assert.Equal("http://localhost/operator/users?q=ana", Navigation.Uri), Wait);
        page.WaitForAssertion(() => Assert.DoesNotContain("bob@example.com", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(("ana", 1), _users.Lists[^1]);
    }

    [Fact]
    public async Task Disabling_a_user_asks_first_and_cancelling_changes_nothing()
    {
        var bob = User("bob@example.com");
        _users.Users.Add(bob);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Users>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Disable bob@example.com']"), Wait);

        // The click's handler waits for the dialog: it completes once the dialog is answered.
        var asking = page.Find("button[aria-label='Disable bob@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("loses access to their 1 tenant(s) at once", dialogs.Markup, StringComparison.Ordinal), Wait);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await asking;
        Assert.Empty(_users.Changes);

        asking = page.Find("button[aria-label='Disable bob@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Disable user"), Wait);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disable user").ClickAsync(new());
        await asking;

        page.WaitForAssertion(() => Assert.Equal((bob.Id, false), Assert.Single(_users.Changes)), Wait);
        page.WaitForAssertion(() => page.Find("button[aria-label='Enable bob@example.com']"), Wait);
    }

    [Fact]
    public async Task A_refusal_is_said_in_words()
    {
        _users.Users.Add(User("me@example.com"));
        _users.ChangeFailure = new ConflictException("You cannot disable your own account.");
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<Users>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Disable me@example.com']"), Wait);

        var asking = page.Find("button[aria-label='Disable me@example.com']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Disable user"), Wait);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disable user").ClickAsync(new());
        await asking;

        snackbars.WaitForAssertion(() => Assert.Contains("You cannot disable your own account.", snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.NotNull(page.Find("button[aria-label='Disable me@example.com']"));
    }
}
