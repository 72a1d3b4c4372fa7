using HikubePortal.Application.Tenants;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Layout;
using HikubePortal.Web.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HikubePortal.ComponentTests.Layout;

/// <summary>The frame: navigation by role, tenant switcher, theme choice.</summary>
public sealed class FrameTests : PortalTestContext
{
    private static TenantAccess Access(TenantRole role, string tenant = "acme") => new(Guid.NewGuid(), tenant, role, IsMember: true);

    [Theory]
    [InlineData(TenantRole.View, new[] { "Overview", "Buckets" })]
    [InlineData(TenantRole.Use, new[] { "Overview", "Buckets" })]
    [InlineData(TenantRole.Admin, new[] { "Overview", "Buckets", "Members", "Audit log" })]
    public void The_navigation_shows_only_what_the_role_allows(TenantRole role, string[] expected)
    {
        var nav = Render<NavMenu>(p => p.Add(n => n.Tenant, Access(role)));

        var links = nav.FindAll("a");
        Assert.Equal(expected, links.Select(a => a.TextContent.Trim()));
        Assert.All(links, a => Assert.StartsWith("/t/acme", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains("tenant-acme", nav.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_navigation_marks_the_current_section_and_follows_the_address()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/t/acme/buckets/backups?tab=access");
        var nav = Render<NavMenu>(p => p.Add(n => n.Tenant, Access(TenantRole.Admin)));

        string[] Current() => [.. nav.FindAll("a[aria-current=page]").Select(a => a.TextContent.Trim())];
        Assert.Equal(["Buckets"], Current());
        Assert.Contains("active", nav.Find("a[aria-current=page]").ClassList);

        navigation.NavigateTo("/t/acme");
        nav.WaitForAssertion(() => Assert.Equal(["Overview"], Current()));
        navigation.NavigateTo("/t/acme/bucketsx");
        nav.WaitForAssertion(() => Assert.Empty(Current())); // a prefix of the path, not a section under it
        navigation.NavigateTo("/t/acme/audit/");
        nav.WaitForAssertion(() => Assert.Equal(["Audit log"], Current()));
    }

    [Fact]
    public void Operators_also_get_the_operator_section()
    {
        var nav = Render<NavMenu>(p => p.Add(n => n.IsOperator, true));

        Assert.Equal(["Tenants", "Users", "Audit log"], nav.FindAll("a").Select(a => a.TextContent.Trim()));
        Assert.Equal(["/operator/tenants", "/operator/users", "/operator/audit"], nav.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_switcher_lists_the_users_tenants_with_their_roles()
    {
        var popovers = Render<MudPopoverProvider>();
        TenantAccess[] tenants = [Access(TenantRole.Admin), Access(TenantRole.View, "beta")];
        var switcher = Render<TenantSwitcher>(p => p.Add(s => s.Current, tenants[1]).Add(s => s.Tenants, tenants));

        Assert.Contains("tenant-beta", switcher.Find("button").TextContent, StringComparison.Ordinal);
        await switcher.Find("button").ClickAsync(new());

        var items = popovers.FindAll(".mud-menu-item");
        Assert.Equal(["/t/acme", "/t/beta"], items.Select(i => i.GetAttribute("href")));
        Assert.Contains("admin", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("page", items[1].GetAttribute("aria-current"));
    }

    [Fact]
    public async Task An_app_bar_menu_is_only_its_button_until_first_opened_then_a_MudMenu()
    {
        var popovers = Render<MudPopoverProvider>();
        var menu = Render<UserMenu>(p => p.Add(m => m.Email, "ada@example.com"));

        Assert.Empty(menu.FindComponents<MudMenu>());
        var button = menu.Find("button");
        Assert.Equal("Account menu of ada@example.com", button.GetAttribute("aria-label"));
        Assert.Equal(("menu", "false"), (button.GetAttribute("aria-haspopup"), button.GetAttribute("aria-expanded")));
        Assert.Empty(popovers.FindAll(".mud-menu-item"));

        await button.ClickAsync(new());

        Assert.Single(menu.FindComponents<MudMenu>());
        menu.WaitForAssertion(() => Assert.Equal("true", menu.Find("button[aria-haspopup=menu]").GetAttribute("aria-expanded")));
        Assert.Contains(popovers.FindAll(".mud-menu-item"), i => i.TextContent.Contains("Account and security", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pointer_over_an_app_bar_menu_mounts_the_MudMenu_closed_and_its_own_button_opens_it()
    {
        var popovers = Render<MudPopoverProvider>();
        var menu = Render<UserMenu>(p => p.Add(m => m.Email, "ada@example.com"));

        await menu.Find("div.mud-menu").TriggerEventAsync("onpointerenter", new PointerEventArgs());

        Assert.Single(menu.FindComponents<MudMenu>());
        Assert.Empty(popovers.FindAll(".mud-menu-item")); // closed until clicked
        await menu.Find("button[aria-haspopup=menu]").ClickAsync(new());
        menu.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-menu-item"), i => i.TextContent.Contains("Account and security", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_theme_choice_is_raised_to_the_layout()
    {
        var popovers = Render<MudPopoverProvider>();
        Web.Components.ThemePreference? chosen = null;
        var theme = Render<ThemeSwitch>(p => p
            .Add(t => t.Preference, Web.Components.ThemePreference.System)
            .Add(t => t.PreferenceChanged, value => chosen = value));

        await theme.Find("button").ClickAsync(new());
        await popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Contains("Dark", StringComparison.Ordinal)).ClickAsync(new());

        Assert.Equal(Web.Components.ThemePreference.Dark, chosen);
    }

    [Theory]
    [InlineData("t/acme/buckets/x", "acme")]
    [InlineData("t/acme", "acme")]
    [InlineData("t/acme?x=1", "acme")]
    [InlineData("operator/users", null)]
    [InlineData("", null)]
    public void The_tenant_of_a_path(string path, string? tenant) => Assert.Equal(tenant, MainLayout.TenantOf(path));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void The_theme_provider_writes_what_MudBlazors_does(bool dark, bool interactive)
    {
        SetRendererInfo(new RendererInfo(interactive ? "Server" : "Static", isInteractive: interactive));
        var mud = Render<MudThemeProvider>(p => p.Add(t => t.Theme, Web.Components.PortalTheme.Theme).Add(t => t.IsDarkMode, dark));
        // Twice: the second page served reuses what the first wrote, in its own mode.
        for (var page = 0; page < 2; page++)
        {
            var portal = Render<PortalThemeProvider>(p => p.Add(t => t.Theme, Web.Components.PortalTheme.Theme).Add(t => t.IsDarkMode, dark));

            Assert.Equal(mud.Markup, portal.Markup);
            Assert.Contains(dark ? "--mud-palette-primary: rgba(138,184,255,1)" : "--mud-palette-primary: rgba(11,92,173,1)", portal.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_page_holds_the_same_copy_of_the_theme()
    {
        // Written apart, as two circuits write them: equal text, and one instance once shared.
        var first = new System.Text.StringBuilder("<style>:root{--x: 1}</style>").ToString();
        var second = new System.Text.StringBuilder("<style>:root{--x: 1}</style>").ToString();
        Assert.NotSame(first, second);

        Assert.Same(PortalThemeProvider.SharedCopy(first), PortalThemeProvider.SharedCopy(second));
        Assert.Same(first, PortalThemeProvider.SharedCopy(second));
    }
}
