using AngleSharp.Dom;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Objects;
using HikubePortal.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>
/// The object browser when the listing fails while the page is open: the storage down, the bucket deleted, a page link
/// that no longer works. The page says why in a sentence, shows nothing of a half-listed page, and stays usable.
/// </summary>
public sealed class ObjectsPageTests : PortalTestContext
{
    private const string Folder = "docs/";
    private static readonly ObjectBrowserQuery FirstPage = ObjectBrowserQuery.From(Folder, null, (int?)null, null, null, null, null, null);

    private readonly ListingBrowser _browser = new();
    private readonly FakeObjectLiveUpdates _live = new();
    private readonly ObjectBrowserOptions _settings = new() { RangedDownloads = true };
    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popovers;

    public ObjectsPageTests()
    {
        Services.AddSingleton<IObjectBrowser>(_browser);
        Services.AddSingleton<IObjectLiveUpdates>(_live);
        Services.AddSingleton(new PageSecurity(new HttpContextAccessor(), new StorageOrigins(Options.Create(new SecurityOptions()))));
        Services.AddSingleton<AntiforgeryStateProvider, TestAntiforgeryStateProvider>();
        Services.AddSingleton(Options.Create(new UploadOptions()));
        Services.AddSingleton(Options.Create(_settings));
        AddBunitPersistentComponentState();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Storage_down_is_said_in_words_with_nothing_listed_and_try_again_lists_the_folder()
    {
        _browser.Answer = _ => throw new UnavailableException("The storage did not answer in time.");
        var page = Open(FirstPage);

        var alert = ListingAlert(page);
        Assert.Contains("The objects cannot be listed right now.", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("The storage did not answer in time.", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(alert.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Go to the first page"); // this is the first page
        AssertNothingListed(page);
        Assert.True(IsDisabled(page, "new-folder"));

        _browser.Answer = query => ListingBrowser.Folder(query, 3, next: null);
        await page.FindAll("[data-testid=listing-error] button").Single(b => b.TextContent.Trim() == "Try again").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=object-row]").Count));
        Assert.Empty(page.FindAll("[data-testid=listing-error]"));
        Assert.False(IsDisabled(page, "new-folder"));
        Assert.Equal(2, _browser.Queries.Count);
    }

    [Fact]
    public async Task A_bucket_deleted_while_its_page_is_open_is_said_at_once_and_its_next_page_says_why()
    {
        _browser.Answer = query => ListingBrowser.Folder(query, 3, next: "1.tag.next");
        var page = Open(FirstPage);
        page.WaitForAssertion(() => Assert.NotNull(_live.BucketChanged));
        await page.Find("thead input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = true });
        Assert.NotEmpty(page.FindAll("[data-testid=selection-delete]"));
        var next = page.Find("a[data-testid=page-next]").GetAttribute("href")!;

        _browser.Answer = _ => throw new NotFoundException("Bucket backups does not exist in tenant-acme.");
        _live.BucketChanged!(BucketLiveState.Deleted);

        page.WaitForAssertion(() => Assert.Contains("Bucket backups was deleted just now", page.Find("[data-testid=bucket-gone]").TextContent, StringComparison.Ordinal));
        Assert.True(IsDisabled(page, "new-folder"));
        Assert.Empty(page.FindAll("[data-testid=selection-delete]")); // nothing here can be changed any more
        Assert.Empty(page.FindAll("[data-testid=selection-move]"));

        Services.GetRequiredService<NavigationManager>().NavigateTo(next);

        page.WaitForAssertion(() => Assert.Contains("Bucket backups does not exist in tenant-acme.", ListingAlert(page).TextContent, StringComparison.Ordinal));
        AssertNothingListed(page);
        Assert.Empty(page.FindAll("[data-testid=selection-bar]")); // the selection went with the rows
        Assert.NotNull(page.Find("[data-testid=bucket-gone]"));
        Assert.Equal(FirstPage.Next("1.tag.next").Token, _browser.Queries[^1].PageToken);
    }

    [Theory]
    [InlineData("This page link is damaged; start again from the first page.")] // tampered
    [InlineData("This page link does not belong to this folder any more; start again from the first page.")] // from another folder
    [InlineData("The storage refused the request as invalid.")] // a continuation token the storage no longer takes (expired)
    public void A_page_link_that_no_longer_works_is_said_and_the_first_page_is_one_link_away(string refusal)
    {
        _browser.Answer = query => query.PageToken is null
            ? ListingBrowser.Folder(query, 3, next: "1.tag.next")
            : throw InvalidException.For("pageToken", refusal);
        var secondPage = FirstPage.Next("1.tag.stale");
        var page = Open(secondPage);

        var alert = ListingAlert(page);
        Assert.Contains(refusal, alert.TextContent, StringComparison.Ordinal);
        AssertNothingListed(page);
        Assert.NotNull(page.Find("input[data-testid=object-search], [data-testid=object-search] input"));
        var first = alert.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Go to the first page").GetAttribute("href");
        Assert.Equal(ObjectLinks.Browse("acme", "backups") + FirstPage.QueryString(), first);

        Services.GetRequiredService<NavigationManager>().NavigateTo(first!);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=object-row]").Count));
        Assert.Empty(page.FindAll("[data-testid=listing-error]"));
        Assert.Null(_browser.Queries[^1].PageToken);
    }

    [Fact]
    public async Task Download_gives_the_script_the_download_route_and_the_plan_api_and_a_ranged_download_that_fails_later_is_said()
    {
        var objects = JSInterop.SetupModule("./app/objects.js");
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = Open(FirstPage);
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=object-row]").Count));

        await page.Find("[data-testid=object-row] button[aria-label='Actions for file-1.txt']").ClickAsync(new());
        await _popovers!.WaitForElement("[data-testid=action-download]").ClickAsync(new());

        var call = Assert.Single(objects.Invocations["download"]);
        // The route that always works (one presigned link), then what the script needs to ask for a ranged plan first.
        Assert.Equal(ObjectLinks.Download("acme", "backups", "docs/file-1.txt"), call.Arguments[0]);
        var ranged = System.Text.Json.JsonSerializer.SerializeToElement(call.Arguments[1]);
        Assert.Equal(DownloadLinks.Plan("acme", "backups"), ranged.GetProperty("plan").GetString());
        Assert.Equal("docs/file-1.txt", ranged.GetProperty("key").GetString());
        Assert.Equal(TestAntiforgeryStateProvider.Token, ranged.GetProperty("token").GetString());
        Assert.NotNull(call.Arguments[2]); // the page, told when a ranged download fails after it started

        await page.InvokeAsync(() => page.Instance.OnDownloadFailed("file-1.txt", "the storage stopped answering"));
        snackbars.WaitForAssertion(() => Assert.Contains("The download of file-1.txt failed: the storage stopped answering.",
            snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_ranged_downloads_off_Download_goes_straight_to_the_download_route()
    {
        _settings.RangedDownloads = false;
        var objects = JSInterop.SetupModule("./app/objects.js");
        var page = Open(FirstPage);
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=object-row]").Count));

        await page.Find("[data-testid=object-row] button[aria-label='Actions for file-2.txt']").ClickAsync(new());
        await _popovers!.WaitForElement("[data-testid=action-download]").ClickAsync(new());

        var call = Assert.Single(objects.Invocations["download"]);
        Assert.Equal([ObjectLinks.Download("acme", "backups", "docs/file-2.txt")], call.Arguments); // no plan to ask for first
    }

    private IRenderedComponent<ObjectsPage> Open(ObjectBrowserQuery query)
    {
        _popovers = Render<MudBlazor.MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo(ObjectLinks.Browse("acme", "backups") + query.QueryString());
        return Render<ObjectsPage>(p => p.Add(o => o.Tenant, "acme").Add(o => o.Name, "backups"));
    }

    /// <summary>The alert that says why the folder could not be listed (it holds the way on: first page, try again).</summary>
    private static IElement ListingAlert(IRenderedComponent<ObjectsPage> page) =>
        page.FindAll("[role=alert]").Single(a => a.QuerySelector("[data-testid=listing-error]") is not null);

    /// <summary>No rows, no pager, no selection: nothing of a page that was not listed, and nothing still loading.</summary>
    private static void AssertNothingListed(IRenderedComponent<ObjectsPage> page)
    {
        Assert.Empty(page.FindAll("[data-testid=object-grid]"));
        Assert.Empty(page.FindAll("[data-testid=object-row]"));
        Assert.Empty(page.FindAll("[data-testid=page-next]"));
        Assert.Empty(page.FindAll("[data-testid=selection-bar]"));
        Assert.Equal("false", page.Find("[data-testid=object-listing]").GetAttribute("aria-busy"));
    }

    private static bool IsDisabled(IRenderedComponent<ObjectsPage> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return (element.LocalName == "button" ? element : element.QuerySelector("button"))?.HasAttribute("disabled") == true;
    }
}
