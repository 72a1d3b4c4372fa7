using HikubePortal.Application.Tenants;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Layout;

namespace HikubePortal.ComponentTests.Layout;

/// <summary>The frame: side navigation by role, tenant switcher, user menu.</summary>
public sealed class FrameTests
{
    private static TenantAccess Access(TenantRole role) => new(Guid.NewGuid(), "acme", role, IsMember: true);

    [Theory]
    [InlineData(TenantRole.View, new[] { "Overview", "Buckets" })]
    [InlineData(TenantRole.Use, new[] { "Overview", "Buckets" })]
    [InlineData(TenantRole.Admin, new[] { "Overview", "Buckets", "Members", "Audit log" })]
    public async Task The_side_nav_shows_only_what_the_role_allows(TenantRole role, string[] expected)
    {
        await using var harness = new ComponentHarness();

        var page = await harness.RenderAsync<SideNav>(new Dictionary<string, object?>
        {
            [nameof(SideNav.Tenant)] = Access(role),
            [nameof(SideNav.CurrentPath)] = "/t/acme",
        });

        Assert.Equal(expected, page.QuerySelectorAll("a.nav-link").Select(a => a.TextContent.Trim()));
        Assert.All(page.QuerySelectorAll("a.nav-link"), a => Assert.StartsWith("/t/acme", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal("Overview", page.QuerySelector("a[aria-current=page]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Operators_also_get_the_operator_section()
    {
        await using var harness = new ComponentHarness();

        var page = await harness.RenderAsync<SideNav>(new Dictionary<string, object?>
        {
            [nameof(SideNav.IsOperator)] = true,
            [nameof(SideNav.CurrentPath)] = "/operator/users",
        });

        Assert.Equal(["Tenants", "Users", "Audit log"], page.QuerySelectorAll("a.nav-link").Select(a => a.TextContent.Trim()));
        Assert.Equal("/operator/users", page.QuerySelector("a[aria-current=page]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_switcher_lists_the_users_tenants_with_their_roles()
    {
        await using var harness = new ComponentHarness();
        TenantAccess[] tenants = [Access(TenantRole.Admin), new(Guid.NewGuid(), "beta", TenantRole.View, true)];

        var page = await harness.RenderAsync<TenantSwitcher>(new Dictionary<string, object?>
        {
            [nameof(TenantSwitcher.Current)] = tenants[1],
            [nameof(TenantSwitcher.Tenants)] = tenants,
        });

        Assert.Equal("tenant-beta", page.QuerySelector("summary")?.TextContent.Trim());
        var items = page.QuerySelectorAll("a.dropdown-item").ToList();
        Assert.Equal(["/t/acme", "/t/beta"], items.Select(a => a.GetAttribute("href")));
        Assert.Equal(["admin", "view"], items.Select(a => a.QuerySelector(".badge")?.TextContent));
        Assert.Equal("page", items[1].GetAttribute("aria-current"));
    }

    [Fact]
    public async Task The_top_bar_shows_the_signed_in_user_and_a_sign_out_form()
    {
        await using var harness = new ComponentHarness();

        var signedIn = await harness.RenderAsync<TopBar>(new Dictionary<string, object?> { [nameof(TopBar.Email)] = "ana@example.com" });
        var anonymous = await harness.RenderAsync<TopBar>();

        Assert.Contains("ana@example.com", signedIn.QuerySelector("[aria-label='Account menu']")?.TextContent, StringComparison.Ordinal);
        var signOut = signedIn.QuerySelector("form[action='/account/logout']");
        Assert.NotNull(signOut);
        Assert.Equal("post", signOut.GetAttribute("method"));
        Assert.NotNull(signOut.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Null(anonymous.QuerySelector("[aria-label='Account menu']"));
        Assert.Null(anonymous.QuerySelector("[aria-label='Switch tenant']"));
    }
}
