using System.Security.Cryptography;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// Uploads in Chromium, checked with the S3 API behind the portal's back: straight to a bucket that had no CORS rule
/// (the portal adds one for its origin), through the portal into a bucket whose platform refuses CORS changes, files and
/// folders by the pickers and by drag and drop with progress, cancel (no multipart upload left), retry after a cut
/// connection (resumes), and an upload that goes on while the page's websocket is dropped.
/// </summary>
public sealed class UploadJourney(BrowserFixture browser) : PageTest(browser)
{
    private const string Tenant = "demo";

    [Fact]
    public async Task A_direct_upload_into_a_bucket_without_cors_adds_one_rule_for_the_portal()
    {
        var bucket = $"e2e-cors-{Guid.NewGuid():N}"[..20];
        await PlatformStorage.CreateBucketAsync(Tenant, bucket);
        try
        {
            var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, bucket);
            using var client = s3;
            Assert.Empty(await PlatformStorage.CorsAsync(client, s3Bucket));
            await SignInAsOperatorAsync();
            var objects = new ObjectsPage(Page, Tenant, bucket);
            var errors = CollectErrors();
            var file = Temp.File("hello world.txt", "hello from a bucket without CORS");
            var empty = Temp.File("empty.txt", "");
            await StepAsync("upload", async () =>
            {
                await objects.GoToAsync();
                await objects.CountUploadsAsync();
                await objects.UploadMenu.ClickAsync();
                var chooser = await Page.RunAndWaitForFileChooserAsync(() => Page.GetByRole(AriaRole.Menuitem, new() { Name = "Files…" }).ClickAsync());
                await chooser.SetFilesAsync([file, empty]);
                await objects.WaitUploadedAsync(2);
                await Expect(objects.UploadPanel.Locator("[data-testid=upload-route]")).ToHaveTextAsync("Straight to the storage");
                await Expect(objects.File("hello world.txt")).ToBeVisibleAsync();
            });
            var rule = Assert.Single(await PlatformStorage.CorsAsync(client, s3Bucket));
            Assert.Equal([Browser.Portal.BaseUrl.GetLeftPart(UriPartial.Authority)], rule.AllowedOrigins);
            Assert.Contains("PUT", rule.AllowedMethods);
            Assert.Contains("ETag", rule.ExposeHeaders);
            Assert.Equal("hello from a bucket without CORS", System.Text.Encoding.UTF8.GetString(await PlatformStorage.ReadAsync(client, s3Bucket, "hello world.txt")));
            Assert.Empty(await PlatformStorage.ReadAsync(client, s3Bucket, "empty.txt"));
            Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
        }
        finally
        {
            await PlatformStorage.DeleteBucketAsync(Tenant, bucket);
        }
    }

    [Fact]
    public async Task Into_a_bucket_whose_platform_refuses_cors_changes_files_go_through_the_portal()
    {
        var bucket = $"e2e-kept-{Guid.NewGuid():N}"[..20];
        await PlatformStorage.CreateBucketAsync(Tenant, bucket, refuseCors: true);
        try
        {
            var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, bucket);
            using var client = s3;
            await SignInAsOperatorAsync();
            var objects = new ObjectsPage(Page, Tenant, bucket);
            var big = Temp.Random("large.bin", 70 * 1024 * 1024);
            var small = Temp.File("small.txt", "streamed");
            await StepAsync("upload-streamed", async () =>
            {
                await objects.GoToAsync();
                await objects.CountUploadsAsync();
                await objects.FilesInput.SetInputFilesAsync([big, small]);
                await Expect(objects.UploadPanel.Locator("[data-testid=upload-route]")).ToHaveTextAsync("Through the portal", new() { Timeout = 30_000 });
                await objects.WaitUploadedAsync(2);
            });
            Assert.Empty(await PlatformStorage.CorsAsync(client, s3Bucket));
            Assert.Equal(await System.IO.File.ReadAllBytesAsync(big), await PlatformStorage.ReadAsync(client, s3Bucket, "large.bin"));
            Assert.Equal("streamed", System.Text.Encoding.UTF8.GetString(await PlatformStorage.ReadAsync(client, s3Bucket, "small.txt")));
            Assert.Empty(await PlatformStorage.UnfinishedAsync(client, s3Bucket, ""));
        }
        finally
        {
            await PlatformStorage.DeleteBucketAsync(Tenant, bucket);
        }
    }

    [Fact]
    public async Task Files_and_folders_upload_by_picker_and_by_drop_with_progress()
    {
        var folder = $"e2e-{Guid.NewGuid():N}"[..12] + "/";
        var local = Directory.CreateTempSubdirectory("hikube-e2e-");
        var tree = Directory.CreateDirectory(Path.Combine(local.FullName, "album"));
        Directory.CreateDirectory(Path.Combine(tree.FullName, "2024"));
        await System.IO.File.WriteAllTextAsync(Path.Combine(tree.FullName, "2024", "note.txt"), "in a picked folder");
        await System.IO.File.WriteAllBytesAsync(Path.Combine(tree.FullName, "big.bin"), RandomNumberGenerator.GetBytes(20 * 1024 * 1024));
        var objects = new ObjectsPage(Page, Tenant, "demo-assets");
        await SignInAsOperatorAsync();
        await objects.GoToAsync(folder);
        await Page.EvaluateAsync("""
            () => {
              window.states = new Set();
              new MutationObserver(() => document.querySelectorAll('[data-testid=upload-file]').forEach(f => window.states.add(f.dataset.state)))
                .observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
            }
            """);
        await objects.CountUploadsAsync();
        await StepAsync("pickers", async () =>
        {
            await objects.FilesInput.SetInputFilesAsync([Temp.File("one.txt", "one"), Temp.Random("two.bin", 80 * 1024 * 1024)]);
            await objects.FolderInput.SetInputFilesAsync(tree.FullName);
            await objects.WaitUploadedAsync(4);
            await Expect(objects.UploadPanel).ToContainTextAsync("4 files uploaded");
            Assert.Contains("uploading", await Page.EvaluateAsync<string[]>("() => [...window.states]"));
            await Expect(objects.Folder("album")).ToBeVisibleAsync();
            await Expect(objects.File("two.bin")).ToContainTextAsync("80 MiB");
        });
        await StepAsync("drop", async () =>
        {
            // A file and a folder dropped from the desktop: a DataTransfer with a file, and one whose item is a folder entry.
            await Page.EvaluateAsync("""
                zone => {
                  const drop = (items) => {
                    const data = new DataTransfer();
                    Object.defineProperty(data, 'items', { value: items });
                    Object.defineProperty(data, 'types', { value: ['Files'] });
                    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
                  };
                  const file = new File(['{"dropped": true}'], 'dropped.json', { type: 'application/json' });
                  drop([{ kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => file }]);
                  const entry = (name, content) => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(new File([content], name)) });
                  const dir = (name, children) => ({ isFile: false, isDirectory: true, name, createReader: () => { let done = false; return { readEntries: (ok) => { ok(done ? [] : children); done = true; } }; } });
                  const tree = dir('dropped-folder', [entry('a.txt', 'a'), dir('inner', [entry('b.txt', 'b')])]);
                  drop([{ kind: 'file', webkitGetAsEntry: () => tree, getAsFile: () => null }]);
                }
                """, await objects.DropZone.ElementHandleAsync());
            await objects.WaitUploadedAsync(7);
            var keys = await objects.UploadedAsync();
            Assert.Contains(folder + "dropped.json", keys);
            Assert.Contains(folder + "dropped-folder/a.txt", keys);
            Assert.Contains(folder + "dropped-folder/inner/b.txt", keys);
            Assert.Contains(folder + "album/2024/note.txt", keys);
            await Expect(objects.Folder("dropped-folder")).ToBeVisibleAsync();
            await AssertAccessibleAsync("upload panel");
            await ScreenshotsAsync("upload-panel-done");
        });
    }

    [Fact]
    public async Task Cancel_leaves_no_multipart_upload_and_retry_resumes_after_a_cut_connection()
    {
        var folder = $"e2e-{Guid.NewGuid():N}"[..12] + "/";
        var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, "demo-assets");
        using var client = s3;
        var objects = new ObjectsPage(Page, Tenant, "demo-assets");
        await SignInAsOperatorAsync();
        await objects.GoToAsync(folder);
        await objects.CountUploadsAsync();
        await StepAsync("cancel", async () =>
        {
            await objects.FilesInput.SetInputFilesAsync(Temp.Random("cancelled.bin", 300 * 1024 * 1024));
            var row = objects.UploadPanel.Locator("[data-testid=upload-file][data-state=uploading]");
            await Expect(row).ToBeVisibleAsync();
            await WaitSentAsync(20 * 1024 * 1024);
            await ScreenshotsAsync("upload-panel-mid-upload");
            await row.GetByRole(AriaRole.Button, new() { Name = "Cancel the upload of cancelled.bin" }).ClickAsync();
            await Expect(objects.UploadPanel.Locator("[data-testid=upload-file][data-state=cancelled]")).ToBeVisibleAsync();
            await EventuallyAsync(async () => Assert.Empty(await PlatformStorage.UnfinishedAsync(client, s3Bucket, folder)));
        });
        var resumed = Temp.Random("resumed.bin", 150 * 1024 * 1024);
        await StepAsync("retry-after-cut", async () =>
        {
            await objects.FilesInput.SetInputFilesAsync(resumed);
            await WaitSentAsync(40 * 1024 * 1024);
            // The storage becomes unreachable for this page (the page keeps its portal connection, so it can say so).
            var storage = new Uri(Environment.GetEnvironmentVariable("HIKUBE_S3_ENDPOINT")!).GetLeftPart(UriPartial.Authority);
            await Page.RouteAsync(url => url.StartsWith(storage, StringComparison.Ordinal), route => route.AbortAsync("internetdisconnected"));
            var failed = objects.UploadPanel.Locator("[data-testid=upload-file][data-state=failed]");
            await Expect(failed).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(failed).ToContainTextAsync("connection to the storage was lost");
            Assert.NotEmpty(await PlatformStorage.UnfinishedAsync(client, s3Bucket, folder));
            await Page.UnrouteAllAsync();
            await failed.GetByRole(AriaRole.Button, new() { Name = "Retry the upload of resumed.bin" }).ClickAsync(new() { Timeout = 60_000 });
            await objects.WaitUploadedAsync(1);
        });
        Assert.Equal(await System.IO.File.ReadAllBytesAsync(resumed), await PlatformStorage.ReadAsync(client, s3Bucket, folder + "resumed.bin"));
        Assert.Empty(await PlatformStorage.UnfinishedAsync(client, s3Bucket, folder));
    }

    [Fact]
    public async Task An_upload_goes_on_while_the_page_loses_its_websocket()
    {
        var folder = $"e2e-{Guid.NewGuid():N}"[..12] + "/";
        // Keeps the page's websockets at hand, to drop Blazor's in the middle of the upload.
        await Page.AddInitScriptAsync("""
            (() => { const Native = window.WebSocket; window.sockets = [];
              window.WebSocket = function (...args) { const s = new Native(...args); window.sockets.push(s); return s; };
              window.WebSocket.prototype = Native.prototype; Object.assign(window.WebSocket, Native); })();
            """);
        var objects = new ObjectsPage(Page, Tenant, "demo-assets");
        await SignInAsOperatorAsync();
        await objects.GoToAsync(folder);
        await objects.CountUploadsAsync();
        var file = Temp.Random("through-a-reconnect.bin", 200 * 1024 * 1024);
        await StepAsync("drop-websocket", async () =>
        {
            await objects.FilesInput.SetInputFilesAsync(file);
            await WaitSentAsync(30 * 1024 * 1024);
            var dropped = await Page.EvaluateAsync<int>("() => { let n = 0; for (const s of window.sockets) if (s.readyState === 1) { s.close(); n++; } return n; }");
            Assert.True(dropped >= 1, "no open websocket to drop");
            await objects.WaitUploadedAsync(1, 180_000);
            // The page reconnected and shows the file, whatever it missed while it was away.
            await Expect(objects.File("through-a-reconnect.bin")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(objects.UploadPanel).ToContainTextAsync("1 file uploaded");
        });
        var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, "demo-assets");
        using var client = s3;
        var head = await client.GetObjectMetadataAsync(s3Bucket, folder + "through-a-reconnect.bin");
        Assert.Equal(200L * 1024 * 1024, head.ContentLength);
    }

    private List<string> CollectErrors()
    {
        var errors = new List<string>();
        Page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        Page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    /// <summary>Waits until the panel's first uploading file has sent at least <paramref name="bytes"/> bytes (as the browser reports).</summary>
    private Task<IJSHandle> WaitSentAsync(long bytes) => Page.WaitForFunctionAsync(
        "n => { const t = document.querySelector('[data-testid=upload-file][data-state=uploading]'); return t && Number(t.dataset.sent) >= n; }",
        bytes, new() { Timeout = 60_000, PollingInterval = 100 });

    private static async Task EventuallyAsync(Func<Task> check)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await check();
                return;
            }
            catch when (i < 20)
            {
                await Task.Delay(500);
            }
        }
    }
}
