using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// A developer in Chromium browsing a folder of the demo bucket (its objects put there with the S3 API): the listing
/// (folders first, sizes), the keyboard, the search in the URL, previews of a text file and an image in the drawer,
/// tags edited, a share link opened in a fresh context without the session, one object downloaded and a selection
/// downloaded as a zip (both byte-checked), a rename, and a delete of folders whose job progress shows live. Each
/// change is checked with the S3 API behind the portal's back.
/// </summary>
public sealed class ObjectBrowserJourney(BrowserFixture browser) : PageTest(browser)
{
    private const string Tenant = "demo";
    private const string Bucket = "demo-assets";
    private const string Text = "Grüezi from the object journey";

    // The smallest valid PNG (1x1, transparent): the preview must decode it.
    private static readonly byte[] Pixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Fact]
    public async Task Browse_search_preview_tag_share_download_zip_rename_and_delete()
    {
        var folder = $"e2e-{Guid.NewGuid():N}"[..12] + "/";
        var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, Bucket);
        using var client = s3;
        var report = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);
        await PlatformStorage.WriteAsync(client, s3Bucket, folder + "notes/read me.txt", Encoding.UTF8.GetBytes(Text), "text/plain; charset=utf-8");
        await PlatformStorage.WriteAsync(client, s3Bucket, folder + "pixel.png", Pixel, "image/png");
        await PlatformStorage.WriteAsync(client, s3Bucket, folder + "report.bin", report);
        await PlatformStorage.WriteAsync(client, s3Bucket, folder + "data.json", Encoding.UTF8.GetBytes("{\"a\":[1,2]}"), "application/json");
        await PlatformStorage.WriteAsync(client, s3Bucket, folder + "empty.txt", [], "text/plain");

        var objects = new ObjectsPage(Page, Tenant, Bucket);
        await SignInAsOperatorAsync();

        await StepAsync("listing", async () =>
        {
            await objects.GoToAsync(folder);
            var rows = Page.Locator("[data-testid=folder-row], [data-testid=object-row]");
            await Expect(rows).ToHaveCountAsync(5);
            Assert.Equal("folder-row", await rows.First.GetAttributeAsync("data-testid"));
            await Expect(objects.File("report.bin")).ToContainTextAsync("12 MiB");
            await Expect(objects.File("empty.txt")).ToContainTextAsync("0 bytes");
            await AssertAccessibleAsync("object listing");
            await ScreenshotsAsync("objects-listing");
        });

        await StepAsync("keyboard", async () =>
        {
            // Enter opens the focused folder, Backspace goes back up.
            await Page.Locator("[data-testid=folder-row]").First.FocusAsync();
            await Page.Keyboard.PressAsync("Enter");
            await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(Uri.EscapeDataString(folder + "notes/"))));
            await Expect(objects.File("read me.txt")).ToBeVisibleAsync();
            await Page.Locator("[data-testid=object-row]").First.FocusAsync();
            await Page.Keyboard.PressAsync("Backspace");
            await Expect(objects.Folder("notes")).ToBeVisibleAsync();
        });

        await StepAsync("search", async () =>
        {
            await objects.Search.FillAsync("re");
            await objects.Search.PressAsync("Enter");
            await Expect(Page).ToHaveURLAsync(new Regex("[?&]q=re"));
            await Expect(Page.Locator("[data-testid=object-row]")).ToHaveCountAsync(1);
            await Expect(objects.File("report.bin")).ToBeVisibleAsync();
            // A reload lands on the same view.
            await Page.ReloadAsync();
            await objects.WaitInteractiveAsync();
            await Expect(Page.Locator("[data-testid=object-row]")).ToHaveCountAsync(1);
            await Expect(objects.Search).ToHaveValueAsync("re");
        });

        await StepAsync("preview-text", async () =>
        {
            await objects.GoToAsync(folder + "notes/");
            await objects.File("read me.txt").GetByRole(AriaRole.Link, new() { Name = "read me.txt" }).ClickAsync();
            await Expect(objects.Details.Locator("[data-testid=text-preview]")).ToHaveTextAsync(Text);
            await Expect(objects.Details.Locator("[data-testid=object-size]")).ToContainTextAsync("31 bytes");
            await Expect(Page).ToHaveURLAsync(new Regex("[?&]object="));
            await AssertAccessibleAsync("object details");
            await ScreenshotsAsync("object-details-text");
        });

        await StepAsync("preview-image-and-tags", async () =>
        {
            await objects.GoToAsync(folder);
            await objects.File("pixel.png").GetByRole(AriaRole.Link, new() { Name = "pixel.png" }).ClickAsync();
            await Expect(objects.Details.Locator("[data-testid=object-preview] img")).ToBeVisibleAsync();
            await Page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=object-preview] img'); return i && i.complete && i.naturalWidth === 1; }");
            await Expect(objects.Details.Locator("[data-testid=object-tags]")).ToHaveTextAsync("No tags.");
            await objects.Details.GetByRole(AriaRole.Button, new() { Name = "Edit tags" }).ClickAsync();
            await objects.Details.GetByLabel("Key").First.FillAsync("team");
            await objects.Details.GetByLabel("Value").First.FillAsync("e2e");
            await objects.Details.GetByRole(AriaRole.Button, new() { Name = "Save tags" }).ClickAsync();
            await Expect(objects.Details.Locator("[data-testid=object-tags]")).ToContainTextAsync("team = e2e");
            await ScreenshotsAsync("object-details-image");
            var tags = await client.GetObjectTaggingAsync(new() { BucketName = s3Bucket, Key = folder + "pixel.png" });
            var tag = Assert.Single(tags.Tagging);
            Assert.Equal(("team", "e2e"), (tag.Key, tag.Value));
        });

        await StepAsync("share-link", async () =>
        {
            await objects.GoToAsync(folder + "notes/");
            await (await objects.ActionAsync(objects.File("read me.txt"), "Share link")).ClickAsync();
            await Expect(objects.Dialog).ToBeVisibleAsync();
            await objects.Dialog.GetByLabel("Expires after").FillAsync("10");
            await objects.Dialog.GetByLabel("Unit").ClickAsync();
            await Page.GetByRole(AriaRole.Option, new() { Name = "minutes" }).ClickAsync();
            await objects.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
            var link = (await objects.Dialog.Locator("[data-testid=share-link]").InnerTextAsync()).Trim();
            Assert.StartsWith("http", link, StringComparison.Ordinal);
            await AssertAccessibleAsync("share link dialog");
            await ScreenshotsAsync("object-share");

            // Someone else: a new browser context, no portal cookie at all.
            await using var stranger = await Browser.Browser.NewContextAsync();
            var other = await stranger.NewPageAsync();
            var response = await other.GotoAsync(link);
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Equal(Text, await response.TextAsync());
            Assert.Empty(await stranger.CookiesAsync());
            await objects.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        });

        await StepAsync("download", async () =>
        {
            await objects.GoToAsync(folder);
            var action = await objects.ActionAsync(objects.File("report.bin"), "Download");
            var download = await Page.RunAndWaitForDownloadAsync(() => action.ClickAsync());
            Assert.Equal("report.bin", download.SuggestedFilename);
            Assert.Equal(report, await File.ReadAllBytesAsync(await download.PathAsync()));
            // The page stays in the folder.
            await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(Uri.EscapeDataString(folder))));
            await Expect(objects.File("report.bin")).ToBeVisibleAsync();
        });

        await StepAsync("zip", async () =>
        {
            await ObjectsPage.Checkbox(objects.Folder("notes")).CheckAsync();
            await ObjectsPage.Checkbox(objects.File("pixel.png")).CheckAsync();
            var bar = Page.GetByRole(AriaRole.Toolbar, new() { Name = "With the selected files and folders" });
            await Expect(bar).ToContainTextAsync("2 items selected");
            var download = await Page.RunAndWaitForDownloadAsync(() => bar.GetByRole(AriaRole.Button, new() { Name = "Download as zip" }).ClickAsync());
            await using var zip = await ZipFile.OpenReadAsync(await download.PathAsync());
            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName);
            Assert.Equal(["notes/read me.txt", "pixel.png"], entries.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(Encoding.UTF8.GetBytes(Text), await ReadAsync(entries["notes/read me.txt"]));
            var png = await ReadAsync(entries["pixel.png"]);
            Assert.Equal(Pixel, png);
            await bar.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        });

        await StepAsync("rename", async () =>
        {
            await (await objects.ActionAsync(objects.File("data.json"), "Rename or move")).ClickAsync();
            var name = objects.Dialog.GetByRole(AriaRole.Textbox);
            await Expect(name).ToHaveValueAsync(folder + "data.json");
            await name.FillAsync(folder + "moved/data.json");
            await AssertAccessibleAsync("rename dialog");
            await ScreenshotsAsync("object-rename");
            await objects.Dialog.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
            await Expect(objects.Dialog).ToHaveCountAsync(0);
            await Expect(objects.Folder("moved")).ToBeVisibleAsync();
            await Expect(objects.File("data.json")).ToHaveCountAsync(0);
            var keys = await PlatformStorage.KeysAsync(client, s3Bucket, folder);
            Assert.Contains(folder + "moved/data.json", keys);
            Assert.DoesNotContain(folder + "data.json", keys);
        });

        await StepAsync("delete-with-progress", async () =>
        {
            await Page.GetByRole(AriaRole.Checkbox, new() { Name = "Select everything on this page" }).CheckAsync();
            var bar = Page.GetByRole(AriaRole.Toolbar, new() { Name = "With the selected files and folders" });
            await Expect(bar).ToContainTextAsync("5 items selected");
            await bar.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(objects.Dialog.Locator("[data-testid=delete-summary]")).ToContainTextAsync("holding 2 objects");
            await AssertAccessibleAsync("delete dialog");
            await ScreenshotsAsync("objects-delete-confirm");
            await objects.Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete everything listed" }).ClickAsync();
            var job = Page.Locator("[data-testid=job-progress]");
            await Expect(job).ToBeVisibleAsync();
            await Expect(job).ToHaveAttributeAsync("data-job-state", "Succeeded", new() { Timeout = 60_000 });
            await Expect(job.Locator("[data-testid=job-count]")).ToContainTextAsync("2 objects deleted");
            await ScreenshotsAsync("objects-delete-done");
            Assert.Empty(await PlatformStorage.KeysAsync(client, s3Bucket, folder));
        });
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
