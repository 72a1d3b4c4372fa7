using AngleSharp.Dom;
using HikubePortal.Application.Objects;
using HikubePortal.ComponentTests.Buckets;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>The browser table: folders first, hard keys in query strings, paging links, refresh hook, read-only buckets.</summary>
public sealed class ObjectListingTests
{
    private const string HardKey = "docs/a b+c%d#e?f ü.txt";

    private static ObjectPage Page(string? next = "1.x.N") => new("docs/", null, 100,
        [new FolderEntry("docs/zeta/", "zeta"), new FolderEntry("docs/alpha/", "alpha")],
        [
            new ObjectEntry(HardKey, "a b+c%d#e?f ü.txt", 2048, FixedTime.Now.AddHours(-2), "e1", null),
            new ObjectEntry("docs/empty", "empty", 0, FixedTime.Now.AddDays(-1), "e2", null),
        ],
        next);

    [Fact]
    public async Task Folders_come_first_then_objects_with_size_type_and_encoded_links()
    {
        var page = await RenderAsync(ObjectBrowserQuery.From("docs/", null, null, null, null, null, null, null), new ObjectListingResult(new ObjectFolder(Page(), true), null, 200));

        var rows = page.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(["folder-row", "folder-row", "object-row", "object-row"], rows.Select(r => r.GetAttribute("data-testid")));
        Assert.Equal("docs/alpha/", rows[0].GetAttribute("data-prefix"));
        var hard = rows.Single(r => r.GetAttribute("data-key") == HardKey);
        Assert.Equal("/t/acme/buckets/backups/objects/details?key=docs%2Fa%20b%2Bc%25d%23e%3Ff%20%C3%BC.txt",
            hard.QuerySelector("[data-testid=object-link]")?.GetAttribute("href"));
        Assert.Equal(HardKey, hard.QuerySelector("input[name=key]")?.GetAttribute("value"));
        Assert.Equal("2.0 KiB", hard.QuerySelector("[data-bytes]")?.TextContent.Trim());
        Assert.Contains("text/plain", hard.TextContent, StringComparison.Ordinal);
        Assert.Equal("0 bytes", rows.Single(r => r.GetAttribute("data-key") == "docs/empty").QuerySelector("[data-bytes]")?.TextContent.Trim());
        Assert.NotNull(hard.QuerySelector("[data-testid=action-delete]"));
        Assert.NotNull(hard.QuerySelector("[data-testid=action-share]"));
    }

    [Fact]
    public async Task The_pager_carries_the_token_and_the_trail_and_says_which_entries_show()
    {
        var query = ObjectBrowserQuery.From("docs/", null, null, "1.x.P2", "-", 2, null, null);
        var page = await RenderAsync(query, new ObjectListingResult(new ObjectFolder(Page("1.x.P3"), true), null, 200));

        Assert.Equal("Showing 101–104 of this folder", page.QuerySelector("[data-testid=listing-range]")?.TextContent.Trim());
        var next = page.QuerySelector("[data-testid=page-next]")!.GetAttribute("href")!;
        Assert.Contains("token=1.x.P3", next, StringComparison.Ordinal);
        Assert.Contains("trail=-~1.x.P2", next, StringComparison.Ordinal);
        Assert.Contains("page=3", next, StringComparison.Ordinal);
        Assert.Equal("/t/acme/buckets/backups/objects?prefix=docs%2F", page.QuerySelector("[data-testid=page-previous]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_listing_refreshes_itself_after_an_upload()
    {
        var query = ObjectBrowserQuery.From("docs/", "a", 50, null, null, null, "size", null);
        var section = (await RenderAsync(query, new ObjectListingResult(new ObjectFolder(Page(null), true), null, 200))).QuerySelector("#object-listing")!;

        Assert.Equal("hikube:uploaded from:body", section.GetAttribute("hx-trigger"));
        Assert.Equal("/t/acme/buckets/backups/objects/list?prefix=docs%2F&q=a&size=50&sort=size", section.GetAttribute("hx-get"));
        Assert.Equal("outerHTML", section.GetAttribute("hx-swap"));
    }

    [Fact]
    public async Task A_read_only_bucket_offers_no_changes()
    {
        var page = await RenderAsync(new ObjectBrowserQuery(), new ObjectListingResult(new ObjectFolder(Page(), CanWrite: false), null, 200));

        Assert.Empty(page.QuerySelectorAll("[data-testid=action-delete], [data-testid=action-rename]"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=action-download]"));
    }

    [Fact]
    public async Task Problems_and_empty_folders_are_said_in_words()
    {
        var failed = await RenderAsync(new ObjectBrowserQuery(), new ObjectListingResult(null, "Bucket backups has no credentials issued yet.", 200));
        var empty = await RenderAsync(new ObjectBrowserQuery(), new ObjectListingResult(new ObjectFolder(new ObjectPage("", null, 100, [], [], null), true), null, 200));

        Assert.Contains("no credentials issued yet", failed.QuerySelector("[data-testid=listing-error]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(failed.QuerySelector("table"));
        Assert.Contains("This folder is empty", empty.Body!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<IDocument> RenderAsync(ObjectBrowserQuery query, ObjectListingResult result)
    {
        await using var harness = new ComponentHarness(services => services.AddSingleton<TimeProvider>(new FixedTime()));
        return await harness.RenderAsync<ObjectListing>(new Dictionary<string, object?>
        {
            ["Tenant"] = "acme", ["Bucket"] = "backups", ["Query"] = query, ["Result"] = result,
        });
    }
}
