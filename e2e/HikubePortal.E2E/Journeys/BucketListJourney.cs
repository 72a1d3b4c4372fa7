using System.Text.RegularExpressions;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// The bucket list and the create page in Chromium: the view (filter, order) lives in the address and survives a
/// reload; the name is checked as it is typed; a bucket created in one tab appears on the list open in another, and
/// turns Ready there, without a reload. Both screens pass axe in both themes.
/// </summary>
public sealed class BucketListJourney(BrowserFixture browser) : PageTest(browser)
{
    private const string Tenant = "demo";

    [Fact]
    public async Task The_list_follows_the_address_and_a_bucket_created_elsewhere_appears_live()
    {
        var name = $"e2e-list-{Guid.NewGuid():N}"[..16];
        await StepAsync("sign-in", SignInAsOperatorAsync);

        var list = new BucketListPage(Page, Tenant);
        await StepAsync("list", async () =>
        {
            await list.GoToAsync();
            await Expect(Page).ToHaveTitleAsync(new Regex("^Buckets"));
            await Expect(list.Row("demo-assets")).ToContainTextAsync("Ready");
            await AssertAccessibleAsync("bucket list");
            await ScreenshotsAsync("bucket-list");
        });

        await StepAsync("view in the address", async () =>
        {
            await list.Filter.FillAsync("demo-ass");
            await Expect(Page).ToHaveURLAsync(new Regex($"/t/{Tenant}/buckets\\?q=demo-ass$"));
            await list.ColumnHeader("Created").GetByText("Created").ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex("q=demo-ass&sort=created$"));
            await Page.ReloadAsync();
            // Typing before the reloaded page's circuit runs would reach only the prerendered input, which the
            // circuit's first render replaces.
            await Page.WaitForInteractiveAsync();
            await Expect(list.Filter).ToHaveValueAsync("demo-ass");
            await Expect(list.Row("demo-assets")).ToBeVisibleAsync();
            await Expect(list.ColumnHeader("Created")).ToHaveAttributeAsync("aria-sort", "ascending");

            await list.Filter.FillAsync("no-such-bucket-here");
            await Expect(Page.GetByText("No bucket name contains “no-such-bucket-here”.")).ToBeVisibleAsync();
            await list.GoToAsync("?page=abc&size=7&sort=nonsense"); // bad values: the defaults, no error
            await Expect(list.Row("demo-assets")).ToBeVisibleAsync();
        });

        await StepAsync("on a phone", async () =>
        {
            // 390 px: the rows become cards and the headers give way to a "Sort by" list, which writes the address too.
            await Page.SetViewportSizeAsync(390, 844);
            await list.GoToAsync();
            await Expect(list.ColumnHeader("Name")).ToBeHiddenAsync();
            await list.PhoneOrder.SelectOptionAsync(new SelectOptionValue { Label = "Created, newest first" });
            await Expect(Page).ToHaveURLAsync(new Regex("sort=created&dir=desc$"));
            await Expect(list.Row("demo-assets")).ToBeVisibleAsync();
            await Expect(list.PageSize).ToBeVisibleAsync();
            await AssertAccessibleAsync("bucket list, 390 px");
            await Page.SetViewportSizeAsync(1280, 900);
        });

        // A second tab keeps the list open while the first creates a bucket.
        var watcher = await Context.NewPageAsync();
        var open = new BucketListPage(watcher, Tenant);
        await open.GoToAsync();
        await Expect(open.Row("demo-assets")).ToBeVisibleAsync();

        var create = new CreateBucketPage(Page);
        await StepAsync("create", async () =>
        {
            await list.GoToAsync();
            await list.CreateButton.ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/t/{Tenant}/buckets/new$"));
            await Expect(Page).ToHaveTitleAsync(new Regex("^Create bucket"));
            await create.Name.FillAsync("demo-assets");
            await Expect(create.NameCheck).ToContainTextAsync("already used in tenant-demo");
            await Expect(create.Name).ToHaveAttributeAsync("aria-invalid", "true");
            await create.Name.FillAsync("Bad_Name");
            await Expect(create.NameCheck).ToContainTextAsync("lower-case");
            await create.Name.FillAsync(name);
            await Expect(create.NameCheck).ToContainTextAsync($"{name} is available");
            await Expect(create.Name).ToHaveAttributeAsync("aria-invalid", "false");
            await create.AddUser.ClickAsync();
            await Expect(create.UserName(1)).ToBeFocusedAsync();
            await create.UserName(1).FillAsync("admin");
            await create.UserName(1).BlurAsync();
            await Expect(Page.GetByText("User admin is listed twice.")).ToBeVisibleAsync();
            await create.UserName(1).FillAsync("reader");
            await create.UserName(1).BlurAsync();
            await Expect(Page.GetByText("User admin is listed twice.")).ToBeHiddenAsync();
            await create.ReadOnly(1).CheckAsync();
            await create.Advanced.ClickAsync();
            await Expect(Page.Locator("#locking-warning")).ToContainTextAsync("Permanent");
            await AssertAccessibleAsync("create bucket");
            await ScreenshotsAsync("bucket-create");
            await create.Submit.ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/t/{Tenant}/buckets/{name}$"));
        });

        await StepAsync("appears live", async () =>
        {
            // No reload of the open list: the row arrives through its circuit, then turns Ready.
            await Expect(open.Row(name)).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Expect(open.Row(name)).ToContainTextAsync("2, 1 read-only");
            await Expect(open.Row(name).Locator("[data-bucket-phase=Ready]")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await Expect(Page.Locator("[data-bucket-phase=Ready]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        });

        await StepAsync("delete", async () =>
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "More actions on this bucket" }).ClickAsync();
            await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete bucket" }).ClickAsync();
            await Page.GetByLabel($"Type {name} to confirm").FillAsync(name);
            await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete bucket", Exact = true }).ClickAsync();
            // Gone from the open list by itself.
            await Expect(open.Row(name)).ToHaveCountAsync(0, new() { Timeout = 90_000 });
        });
        await watcher.CloseAsync();
    }
}
