using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Objects;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>Paging a folder: which entries show, and links that carry the storage's token and the trail back.</summary>
public sealed class ObjectPagerTests : PortalTestContext
{
    [Fact]
    public void The_pager_carries_the_token_and_the_trail_and_says_which_entries_show()
    {
        var query = ObjectBrowserQuery.From("docs/", null, 100, "1.x.P2", "-", 2, null, null);

        var pager = Render<ObjectPager>(p => p.Add(x => x.Tenant, "acme").Add(x => x.Bucket, "backups").Add(x => x.Query, query)
            .Add(x => x.Count, 4).Add(x => x.NextToken, "1.x.P3"));

        Assert.Equal("Showing 101–104 of this folder", pager.Find("[data-testid=listing-range]").TextContent.Trim());
        var next = pager.Find("[data-testid=page-next]").GetAttribute("href")!;
        Assert.Contains("token=1.x.P3", next, StringComparison.Ordinal);
        Assert.Contains("trail=-~1.x.P2", next, StringComparison.Ordinal);
        Assert.Contains("page=3", next, StringComparison.Ordinal);
        Assert.Equal("/t/acme/buckets/backups/objects?prefix=docs%2F", pager.Find("[data-testid=page-previous]").GetAttribute("href"));
    }

    [Fact]
    public void The_last_page_offers_no_next_page()
    {
        var pager = Render<ObjectPager>(p => p.Add(x => x.Tenant, "acme").Add(x => x.Bucket, "backups").Add(x => x.Query, new ObjectBrowserQuery())
            .Add(x => x.Count, 3).Add(x => x.NextToken, null));

        Assert.Null(pager.Find("[data-testid=page-next]").GetAttribute("href"));
        Assert.Equal("Showing 1–3 of this folder", pager.Find("[data-testid=listing-range]").TextContent.Trim());
    }
}
