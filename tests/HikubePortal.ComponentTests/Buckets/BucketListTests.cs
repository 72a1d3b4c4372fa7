using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Web.Components.Pages.Buckets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>The bucket list: what a row says, live changes without a reload, the paused banner, actions by role, the view in the URL.</summary>
public sealed class BucketListTests : PortalTestContext
{
    private readonly FakeBuckets _buckets = new();

    public BucketListTests()
    {
        Services.AddSingleton<IBucketService>(_buckets);
        Services.AddSingleton<IBucketUpdates>(_buckets);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<BucketsPage> RenderList(TenantRole role = TenantRole.View, string query = "")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/t/acme/buckets" + query);
        return Render<BucketsPage>(p => p
            .Add(b => b.Tenant, "acme")
            .AddCascadingValue(new TenantAccess(Guid.NewGuid(), "acme", role, IsMember: true)));
    }

    private static IReadOnlyList<string> Rows(IRenderedComponent<BucketsPage> page) =>
        [.. page.FindAll("tbody tr.mud-table-row").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => Normalize(c.TextContent))))];

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void A_row_says_the_state_in_words_the_users_the_size_and_the_locking()
    {
        _buckets.Buckets.AddRange(
        [
            FakeBuckets.Bucket("archive", BucketPhase.Failed, "RadosgwUnavailable"),
            FakeBuckets.Bucket("backups", size: 1536L << 20, locking: true, users: [("admin", false), ("ci", false), ("viewer", true)]),
            FakeBuckets.Bucket("logs", BucketPhase.Provisioning),
        ]);

        var page = RenderList();

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        var rows = Rows(page);
        Assert.StartsWith("archive | Failed: the storage is unreachable", rows[0], StringComparison.Ordinal);
        Assert.Contains("retries by itself", rows[0], StringComparison.Ordinal); // the explanation, for screen readers
        Assert.StartsWith("backups | Ready", rows[1], StringComparison.Ordinal);
        Assert.Contains("| 3, 1 read-only | 1.5 GiB |", rows[1], StringComparison.Ordinal);
        Assert.EndsWith("Object locking on | 5 minutes ago", rows[1], StringComparison.Ordinal);
        Assert.Contains("| 1 | — |", rows[2], StringComparison.Ordinal); // no size reported
        Assert.Contains("No object locking", rows[2], StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-bucket-phase=Provisioning] .mud-progress-circular")); // it spins
        Assert.Equal("/t/acme/buckets/backups", page.FindAll("tbody a")[1].GetAttribute("href"));
    }

    [Fact]
    public void Text_from_the_cluster_is_shown_as_text_never_as_markup()
    {
        const string Hostile = "radosgw said <script>alert(1)</script> & \"<img src=x onerror=alert(2)>";
        var failed = FakeBuckets.Bucket("archive", users: [("ci\"><b>x</b>", false)]) with
        {
            State = new BucketState(BucketPhase.Failed, "RadosgwError", Hostile),
            StoragePool = "<i>pool</i>",
        };
        _buckets.Buckets.Add(failed);

        var page = RenderList();

        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        var row = page.Find("tbody tr");
        Assert.Empty(row.QuerySelectorAll("script, img, b, i"));
        Assert.Contains(Hostile, row.QuerySelector(".visually-hidden")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Hostile, row.QuerySelector("[data-bucket-phase]")!.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("ci\"><b>x</b>", row.QuerySelector("td[data-label=Users] span")!.GetAttribute("title"));
        Assert.Equal("pool <i>pool</i>", row.QuerySelector("td[data-label=Name] .mud-typography-caption")!.TextContent);
    }

    [Fact]
    public void A_rows_markup_is_written_once_per_bucket_change_and_wording_of_its_age_and_links_into_the_tenant_it_shows()
    {
        var bucket = FakeBuckets.Bucket("backups") with { CreatedAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero) };
        var now = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

        var first = BucketRowMarkup.Cells("acme", bucket, now);

        Assert.Same(first.Value, BucketRowMarkup.Cells("acme", bucket, now.AddMinutes(5)).Value); // every open list shares it
        Assert.Contains("href=\"/t/acme/buckets/backups\"", first.Value, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-12-01T08:00:00.0000000Z\" title=\"2026-12-01 08:00:00 UTC\">6 days ago</time>", first.Value, StringComparison.Ordinal);
        var dayLater = BucketRowMarkup.Cells("acme", bucket, now.AddDays(1)).Value;
        Assert.Contains(">7 days ago</time>", dayLater, StringComparison.Ordinal);
        Assert.Same(dayLater, BucketRowMarkup.Cells("acme", bucket, now.AddDays(1)).Value);
        Assert.Contains("href=\"/t/globex/buckets/backups\"", BucketRowMarkup.Cells("globex", bucket, now).Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Provisioning", BucketRowMarkup.Cells("acme", bucket with { State = new BucketState(BucketPhase.Ready) }, now).Value, StringComparison.Ordinal);
        Assert.Contains("Provisioning", BucketRowMarkup.Cells("acme", bucket with { State = new BucketState(BucketPhase.Provisioning) }, now).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Buckets_appear_change_and_disappear_as_the_cluster_changes_without_a_reload()
    {
        _buckets.Buckets.Add(FakeBuckets.Bucket("backups"));
        var page = RenderList();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Assert.Equal(1, _buckets.Subscribers);

        _buckets.Buckets.Add(FakeBuckets.Bucket("made-with-kubectl", BucketPhase.Provisioning));
        await _buckets.ChangeAsync();
        page.WaitForAssertion(() => Assert.Contains(Rows(page), r => r.StartsWith("made-with-kubectl | Provisioning", StringComparison.Ordinal)));

        _buckets.Buckets[1] = FakeBuckets.Bucket("made-with-kubectl", size: 3000);
        await _buckets.ChangeAsync();
        page.WaitForAssertion(() => Assert.Contains(Rows(page), r => r.StartsWith("made-with-kubectl | Ready", StringComparison.Ordinal) && r.Contains("2.9 KiB", StringComparison.Ordinal)));

        _buckets.Buckets.RemoveAt(0);
        await _buckets.ChangeAsync();
        page.WaitForAssertion(() => Assert.Equal(["made-with-kubectl"], Rows(page).Select(r => r.Split(" | ")[0])));

        _buckets.Buckets.Clear();
        await _buckets.ChangeAsync();
        page.WaitForAssertion(() => Assert.Contains("No buckets yet", page.Markup, StringComparison.Ordinal));
        _buckets.Buckets.Add(FakeBuckets.Bucket("again"));
        await _buckets.ChangeAsync();
        page.WaitForAssertion(() => Assert.Equal(["again"], Rows(page).Select(r => r.Split(" | ")[0])));
    }

    [Fact]
    public void The_updates_start_from_the_revision_the_page_shows_so_no_change_in_between_is_missed()
    {
        _buckets.Buckets.Add(FakeBuckets.Bucket("backups"));

        var page = RenderList();

        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Assert.Equal(7, _buckets.SeenRevision);
    }

    [Fact]
    public async Task While_the_cluster_cannot_be_followed_the_last_known_buckets_show_with_a_banner_that_goes_by_itself()
    {
        _buckets.Buckets.Add(FakeBuckets.Bucket("backups"));
        _buckets.PausedSince = Now.AddMinutes(-3);
        var page = RenderList();

        page.WaitForAssertion(() => Assert.Contains(
            "Live updates paused: the cluster cannot be reached; showing buckets as of 2026-12-06 11:57:00 UTC.",
            Normalize(page.Find("[data-live=paused]").TextContent), StringComparison.Ordinal));
        Assert.Single(Rows(page));

        _buckets.PausedSince = null;
        await _buckets.ChangeAsync();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-live=paused]")));
    }

    [Fact]
    public void A_list_that_cannot_be_read_says_why_in_words()
    {
        _buckets.ListFailure = new UnavailableException("The cluster (Kubernetes API) cannot be reached right now; try again in a moment.");

        var page = RenderList();

        page.WaitForAssertion(() => Assert.Contains("cannot be reached right now", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public async Task A_list_that_could_not_be_read_shows_by_itself_when_the_cluster_is_back()
    {
        _buckets.ListFailure = new UnavailableException("The cluster (Kubernetes API) cannot be reached right now; try again in a moment.");
        _buckets.Buckets.Add(FakeBuckets.Bucket("backups"));
        var page = RenderList();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[role=alert]")));

        _buckets.ListFailure = null;
        await _buckets.ChangeAsync(); // the cache follows the cluster again

        page.WaitForAssertion(() => Assert.Equal(["backups"], Rows(page).Select(r => r.Split(" | ")[0])));
        Assert.Empty(page.FindAll(".mud-alert[role=alert]"));
    }

    [Fact]
    public void Switching_tenant_shows_and_follows_only_the_new_tenants_buckets()
    {
        _buckets.Buckets.Add(FakeBuckets.Bucket("acme-backups"));
        _buckets.Tenants["globex"] = [FakeBuckets.Bucket("globex-logs")];
        var page = RenderList();
        page.WaitForAssertion(() => Assert.Equal(["acme-backups"], Rows(page).Select(r => r.Split(" | ")[0])));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/t/globex/buckets");
        page.Render(p => p.Add(b => b.Tenant, "globex"));

        page.WaitForAssertion(() => Assert.Equal(["globex-logs"], Rows(page).Select(r => r.Split(" | ")[0])));
        Assert.Equal(["globex"], _buckets.SubscribedTenants);
    }

    [Theory]
    [InlineData(TenantRole.Admin, true)]
    [InlineData(TenantRole.Use, false)]
    [InlineData(TenantRole.View, false)]
    public void Only_admins_are_offered_to_create_buckets(TenantRole role, bool offered)
    {
        _buckets.Buckets.Add(FakeBuckets.Bucket("backups"));

        var page = RenderList(role);

        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        var create = page.FindAll("a").Where(a => Normalize(a.TextContent) == "Create bucket").ToList();
        Assert.Equal(offered, create.Count == 1);
        Assert.All(create, a => Assert.Equal("/t/acme/buckets/new", a.GetAttribute("href")));
    }

    [Theory]
    [InlineData(TenantRole.Admin, "Create your first bucket")]
    [InlineData(TenantRole.View, "A tenant admin can create one.")]
    public void An_empty_tenant_says_what_a_bucket_is_and_what_to_do(TenantRole role, string next)
    {
        var page = RenderList(role);

        page.WaitForAssertion(() => Assert.Contains("No buckets yet", page.Markup, StringComparison.Ordinal));
        var text = Normalize(page.Markup);
        Assert.Contains("A bucket is a place for files (objects) reached with the S3 protocol", page.Find(".mud-paper").TextContent, StringComparison.Ordinal);
        Assert.Contains(next, page.Find(".mud-paper").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Create bucket<", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?page=abc&size=7&sort=nonsense&dir=sideways", "", BucketSort.Name, false, 1, 50)]
    [InlineData("?q=BACK&sort=size&dir=desc&page=2&size=25", "back", BucketSort.Size, true, 2, 25)]
    public void The_view_comes_from_the_url_and_bad_values_fall_back_to_the_defaults(
        string query, string filter, BucketSort sort, bool descending, int pageNumber, int size)
    {
        _buckets.Buckets.AddRange(Enumerable.Range(0, 60).Select(i => FakeBuckets.Bucket($"backup-{i:00}", size: i)));

        var page = RenderList(query: query);

        page.WaitForAssertion(() => Assert.NotEmpty(Rows(page)));
        var asked = _buckets.Queries[0];
        Assert.Equal((filter.Length == 0 ? null : filter, sort, descending, pageNumber, size), (asked.Filter, asked.Sort, asked.Descending, asked.Page, asked.PageSize));
        Assert.All(_buckets.Queries, q => Assert.Equal(asked, q)); // the grid asked for the same view
    }

    [Fact]
    public async Task The_headers_are_links_to_each_order_and_the_filter_writes_the_url()
    {
        _buckets.Buckets.AddRange([FakeBuckets.Bucket("photos", size: 10), FakeBuckets.Bucket("backups", size: 99), FakeBuckets.Bucket("logs")]);
        var page = RenderList();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Equal("ascending", Header(page, "name").GetAttribute("aria-sort"));
        Assert.Null(Header(page, "size").GetAttribute("aria-sort"));
        Assert.Equal("/t/acme/buckets?dir=desc", page.Find("[data-testid=sort-name]").GetAttribute("href")); // the same column: the other way

        navigation.NavigateTo(page.Find("[data-testid=sort-size]").GetAttribute("href")!);

        page.WaitForAssertion(() =>
        {
            Assert.EndsWith("/t/acme/buckets?sort=size", navigation.Uri, StringComparison.Ordinal);
            Assert.Equal(["logs", "photos", "backups"], Rows(page).Select(r => r.Split(" | ")[0]));
            Assert.Equal("ascending", Header(page, "size").GetAttribute("aria-sort"));
            Assert.Null(Header(page, "name").GetAttribute("aria-sort"));
        });
        Assert.Equal("/t/acme/buckets?sort=size&dir=desc", page.Find("[data-testid=sort-size]").GetAttribute("href"));

        await page.Find("input[type=search]").InputAsync(new ChangeEventArgs { Value = "back" });
        page.WaitForAssertion(() =>
        {
            Assert.EndsWith("/t/acme/buckets?q=back&sort=size", navigation.Uri, StringComparison.Ordinal);
            Assert.Equal(["backups"], Rows(page).Select(r => r.Split(" | ")[0]));
        }, TimeSpan.FromSeconds(5));

        await page.Find("input[type=search]").InputAsync(new ChangeEventArgs { Value = "nothing-like-it" });
        page.WaitForAssertion(() => Assert.Equal("No bucket name contains “nothing-like-it”.", Normalize(page.Find("tbody").TextContent)), TimeSpan.FromSeconds(5));
        Assert.Empty(Rows(page));
    }

    [Fact]
    public async Task The_pager_pages_through_the_list_and_its_size_and_the_phone_order_write_the_url()
    {
        _buckets.Buckets.AddRange(Enumerable.Range(0, 60).Select(i => FakeBuckets.Bucket($"backup-{i:00}", size: i)));
        var page = RenderList();
        page.WaitForAssertion(() => Assert.Equal(50, Rows(page).Count));
        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Equal("1–50 of 60", Normalize(page.Find(".mud-table-page-number-information").TextContent));
        Assert.True(PagerButton(page, "Previous page").HasAttribute("disabled")); // no page before the first
        Assert.Equal("/t/acme/buckets?page=2", PagerButton(page, "Last page").GetAttribute("href"));

        navigation.NavigateTo(PagerButton(page, "Next page").GetAttribute("href")!);

        page.WaitForAssertion(() =>
        {
            Assert.Equal(Enumerable.Range(50, 10).Select(i => $"backup-{i:00}"), Rows(page).Select(r => r.Split(" | ")[0]));
            Assert.Equal("51–60 of 60", Normalize(page.Find(".mud-table-page-number-information").TextContent));
        });
        Assert.True(PagerButton(page, "Next page").HasAttribute("disabled"));
        Assert.Equal("/t/acme/buckets", PagerButton(page, "First page").GetAttribute("href"));

        await page.Find(".bucket-table-size select").ChangeAsync(new ChangeEventArgs { Value = "25" });
        page.WaitForAssertion(() =>
        {
            Assert.EndsWith("/t/acme/buckets?size=25", navigation.Uri, StringComparison.Ordinal); // back to the first page
            Assert.Equal(25, Rows(page).Count);
        });

        await page.Find(".bucket-table-sort select").ChangeAsync(new ChangeEventArgs { Value = "size-desc" });
        page.WaitForAssertion(() =>
        {
            Assert.EndsWith("/t/acme/buckets?sort=size&dir=desc&size=25", navigation.Uri, StringComparison.Ordinal);
            Assert.StartsWith("backup-59 |", Rows(page)[0], StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_page_past_the_end_shows_the_last_page_and_says_so_in_the_url()
    {
        _buckets.Buckets.AddRange(Enumerable.Range(0, 60).Select(i => FakeBuckets.Bucket($"backup-{i:00}")));

        var page = RenderList(query: "?page=9");

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() =>
        {
            Assert.Equal(10, Rows(page).Count);
            Assert.EndsWith("/t/acme/buckets?page=2", navigation.Uri, StringComparison.Ordinal);
        });
    }

    private static AngleSharp.Dom.IElement Header(IRenderedComponent<BucketsPage> page, string sort) =>
        page.Find($"[data-testid=sort-{sort}]").Closest("th")!;

    private static AngleSharp.Dom.IElement PagerButton(IRenderedComponent<BucketsPage> page, string label) =>
        page.Find($".mud-table-pagination-actions [aria-label='{label}']");

    [Theory]
    [InlineData("", true)]
    [InlineData("?size=200", false)]
    public void A_prerendered_page_is_handed_to_the_circuit_only_when_it_fits_its_first_message(string query, bool handed)
    {
        // The browser sends the persisted state back in the circuit's first message, which SignalR caps at 32 KB.
        _buckets.Buckets.AddRange(Enumerable.Range(0, 300).Select(i => FakeBuckets.Bucket($"backup-{i:000}", users: [("admin", false), ("ci", false), ("viewer", true)])));
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var page = RenderList(query: query);

        Assert.NotEmpty(Rows(page));
        Assert.Equal(handed, page.Instance.Prerendered is not null);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(page.Instance.Prerendered);
        Assert.True(json.Length < 24 * 1024, $"{json.Length} bytes of JSON"); // data-protected and base64: within 32 KB
    }

    [Fact]
    public async Task Leaving_the_page_stops_its_updates()
    {
        _buckets.Buckets.Add(FakeBuckets.Bucket("backups"));
        var page = RenderList();
        page.WaitForAssertion(() => Assert.Equal(1, _buckets.Subscribers));

        await DisposeComponentsAsync();

        Assert.Equal(0, _buckets.Subscribers);
    }
}
