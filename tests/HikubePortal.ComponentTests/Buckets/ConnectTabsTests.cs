using AngleSharp.Dom;
using HikubePortal.Application.Credentials;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.ComponentTests.Buckets;

public sealed class ConnectTabsTests
{
    private static readonly ConnectionDetails Details =
        new("hikube-backups-admin", new Uri("https://s3.example.org"), "us-east-1", "bucket-1234", "AKIAEXAMPLE", "secret/example+key");

    [Fact]
    public async Task Has_a_tab_per_client_in_order()
    {
        var page = await RenderAsync(Details, masked: false);

        var tabs = page.QuerySelectorAll("[role=tab]").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(9, tabs.Count);
        Assert.Equal("AWS CLI", tabs[0]);
        Assert.Contains("rclone", tabs);
        Assert.Contains("restic", tabs);
        Assert.Contains("Velero", tabs);
    }

    [Fact]
    public async Task Every_block_has_a_copy_button_for_its_own_code()
    {
        var page = await RenderAsync(Details, masked: false);

        var blocks = page.QuerySelectorAll("pre code");
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            Assert.NotNull(page.QuerySelector($"button[data-portal-copy='#{block.Id}']"));
        }
        Assert.Equal(blocks.Length, blocks.Select(b => b.Id).Distinct().Count());
    }

    [Fact]
    public async Task Without_javascript_the_tabs_are_links_and_the_chosen_client_is_shown()
    {
        var page = await RenderAsync(Details, masked: false, active: "rclone");

        var active = page.QuerySelector(".tab-pane.active");
        Assert.Equal("rclone", active?.GetAttribute("data-snippet"));
        Assert.Single(page.QuerySelectorAll(".tab-pane.active"));
        Assert.Equal("/page?client=restic", page.QuerySelector("#c-restic-tab")?.GetAttribute("href"));
        Assert.Equal("#c-restic", page.QuerySelector("#c-restic-tab")?.GetAttribute("data-bs-target"));
        Assert.Equal("true", page.QuerySelector("#c-rclone-tab")?.GetAttribute("aria-selected"));
        Assert.Contains("[hikube-backups-admin]", active?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Masked_snippets_say_so_and_carry_no_secret()
    {
        var page = await RenderAsync(Details.Masked(), masked: true);

        Assert.Contains(ConnectionDetails.SecretPlaceholder, page.QuerySelector("p")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("secret/example+key", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("s3 ls s3://bucket-1234/", page.QuerySelector(".tab-pane.active")?.TextContent, StringComparison.Ordinal);
    }

    private static async Task<IDocument> RenderAsync(ConnectionDetails details, bool masked, string? active = null)
    {
        await using var harness = new ComponentHarness();
        return await harness.RenderAsync<ConnectTabs>(new Dictionary<string, object?>
        {
            ["Id"] = "c",
            ["Details"] = details,
            ["Masked"] = masked,
            ["ActiveClient"] = active,
            ["TabUrl"] = (Func<string, string>)(client => $"/page?client={client}"),
        });
    }
}
