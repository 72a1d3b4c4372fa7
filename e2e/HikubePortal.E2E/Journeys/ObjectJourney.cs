using System.Text.RegularExpressions;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// A developer in Chromium on the demo bucket: uploads a folder (the folder picker keeps the paths inside it) and drops a
/// file on the listing, watching the progress; browses into the folder; previews a text file and an image; downloads a
/// file; creates a share link and opens it in a fresh browser context without the session; deletes the folder.
/// </summary>
public sealed class ObjectJourney(BrowserFixture browser) : PageTest(browser)
{
    private const string Tenant = "demo";
    private const string Bucket = "demo-assets";

    // The smallest valid PNG (1x1, transparent): the preview must decode it.
    private static readonly byte[] Pixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Fact]
    public async Task Upload_a_folder_browse_preview_download_share_and_delete_it()
    {
        var folderName = $"e2e-{Guid.NewGuid():N}"[..12];
        var local = Directory.CreateTempSubdirectory("hikube-e2e-");
        var root = Directory.CreateDirectory(Path.Combine(local.FullName, folderName));
        Directory.CreateDirectory(Path.Combine(root.FullName, "notes"));
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "notes", "read me.txt"), "Grüezi from the object journey");
        await File.WriteAllBytesAsync(Path.Combine(root.FullName, "pixel.png"), Pixel);
        var report = new byte[12 * 1024 * 1024];
        Random.Shared.NextBytes(report);
        await File.WriteAllBytesAsync(Path.Combine(root.FullName, "report.bin"), report);

        var objects = new ObjectsPage(Page, Tenant, Bucket);
        await StepAsync("sign-in", async () =>
        {
            await SignInAsOperatorAsync();
        });

        await StepAsync("upload-folder", async () =>
        {
            await objects.GoToAsync();
            await Expect(objects.UploadReady).ToHaveCountAsync(1);
            // Every state the status bar goes through, so the progress is seen however fast the upload is.
            await Page.EvaluateAsync("""
                () => {
                  window.statusSeen = new Set();
                  window.uploaded = 0;
                  document.body.addEventListener('hikube:uploaded', () => window.uploaded++);
                  new MutationObserver(() => document.querySelectorAll('.uppy-StatusBar').forEach(bar => bar.classList.forEach(c => window.statusSeen.add(c))))
                    .observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
                }
                """);
            await objects.UploadButton.ClickAsync();
            await Expect(objects.UploadPanel).ToBeVisibleAsync();
            await objects.FolderInput.SetInputFilesAsync(root.FullName);
            await Expect(objects.StatusBar).ToContainTextAsync("Complete", new() { Timeout = 60_000 });
            Assert.Equal(3, await Page.EvaluateAsync<int>("() => window.uploaded"));
            var seen = await Page.EvaluateAsync<string[]>("() => [...window.statusSeen]");
            Assert.Contains("is-uploading", seen);
            Assert.Contains("is-complete", seen);
            // The listing refreshed itself: the new folder is there without reloading the page.
            await Expect(objects.Folder(folderName)).ToBeVisibleAsync();
            await ScreenshotsAsync("objects-uploaded");
        });

        await StepAsync("drop-file", async () =>
        {
            await objects.GoToAsync(folderName + "/");
            await Expect(objects.UploadReady).ToHaveCountAsync(1);
            await Page.EvaluateAsync("() => { window.uploaded = 0; document.body.addEventListener('hikube:uploaded', () => window.uploaded++); }");
            // What a drop from the desktop delivers: a DataTransfer with a file, dropped on the listing.
            var drop = await Page.EvaluateHandleAsync("""
                () => {
                  const data = new DataTransfer();
                  data.items.add(new File(['{"dropped": true}'], 'dropped.json', { type: 'application/json' }));
                  return data;
                }
                """);
            await objects.DropZone.DispatchEventAsync("dragenter", new { dataTransfer = drop });
            await objects.DropZone.DispatchEventAsync("dragover", new { dataTransfer = drop });
            await objects.DropZone.DispatchEventAsync("drop", new { dataTransfer = drop });
            await Page.WaitForFunctionAsync("() => window.uploaded >= 1", null, new() { Timeout = 30_000 });
            await Expect(objects.File("dropped.json")).ToBeVisibleAsync();
            await Page.Locator("[data-upload-hide]").ClickAsync();
            await ScreenshotsAsync("objects-folder");
        });

        await StepAsync("browse-and-preview", async () =>
        {
            await Expect(objects.File("pixel.png")).ToBeVisibleAsync();
            await Expect(objects.File("report.bin")).ToContainTextAsync("12 MiB");
            await objects.Folder("notes").GetByRole(AriaRole.Link, new() { Name = "notes", Exact = true }).ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(Uri.EscapeDataString($"{folderName}/notes/"))));
            await objects.File("read me.txt").GetByRole(AriaRole.Link, new() { Name = "read me.txt" }).ClickAsync();
            await Expect(Page.Locator("[data-testid=text-preview]")).ToHaveTextAsync("Grüezi from the object journey");
            await Expect(Page.Locator("[data-testid=object-size]")).ToContainTextAsync("31 bytes");
            await ScreenshotsAsync("object-details-text");

            await objects.GoToAsync(folderName + "/");
            await objects.File("pixel.png").GetByRole(AriaRole.Link, new() { Name = "pixel.png" }).ClickAsync();
            var image = Page.Locator("[data-testid=object-preview] img");
            await Expect(image).ToBeVisibleAsync();
            await Page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=object-preview] img'); return i && i.complete && i.naturalWidth === 1; }");
        });

        await StepAsync("download", async () =>
        {
            await objects.GoToAsync(folderName + "/");
            var action = await ObjectsPage.ActionAsync(objects.File("report.bin"), "download");
            var download = await Page.RunAndWaitForDownloadAsync(() => action.ClickAsync());
            Assert.Equal("report.bin", download.SuggestedFilename);
            Assert.Equal(report, await File.ReadAllBytesAsync(await download.PathAsync()));
        });

        await StepAsync("share-link", async () =>
        {
            await objects.GoToAsync(folderName + "/notes/");
            var action = await ObjectsPage.ActionAsync(objects.File("read me.txt"), "share");
            await action.ClickAsync();
            await Page.Locator("#share-amount").FillAsync("10");
            await Page.Locator("#share-unit").SelectOptionAsync("minutes");
            await Page.Locator("[data-testid=share-create]").ClickAsync();
            var link = (await Page.Locator("[data-testid=share-link]").InnerTextAsync()).Trim();
            await ScreenshotsAsync("object-share");
            Assert.StartsWith("http", link, StringComparison.Ordinal);

            // Someone else: a new browser context, no portal cookie at all.
            await using var stranger = await Browser.Browser.NewContextAsync();
            var other = await stranger.NewPageAsync();
            var response = await other.GotoAsync(link);
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Equal("Grüezi from the object journey", await response.TextAsync());
            Assert.Empty(await stranger.CookiesAsync());
        });

        await StepAsync("delete-folder", async () =>
        {
            await objects.GoToAsync();
            var action = await ObjectsPage.ActionAsync(objects.Folder(folderName), "delete");
            await action.ClickAsync();
            await Expect(Page.Locator("[data-testid=delete-summary]")).ToContainTextAsync("holding 4 objects");
            await ScreenshotsAsync("objects-delete-confirm");
            await Page.Locator("[data-testid=delete-confirm]").ClickAsync();
            await Expect(Page.Locator("body")).ToContainTextAsync(new Regex("(D|d)eleted 4"), new() { Timeout = 60_000 });
            await objects.GoToAsync();
            await Expect(objects.Folder(folderName)).ToHaveCountAsync(0);
        });
    }
}
