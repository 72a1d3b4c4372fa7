using HikubePortal.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// Uploads in Chromium on the bucket's uploads page: a small file (one presigned PUT), an empty file and a
/// 70 MiB file (multipart, parts in flight) go straight to the storage; each completion tells the page.
/// </summary>
public sealed class UploadJourney(BrowserFixture browser) : PageTest(browser)
{
    private static readonly string[] FileNames = ["hello world.txt", "empty.txt", "large.bin"];

    [Fact]
    public async Task Files_upload_straight_to_the_storage_with_progress()
    {
        await SignInAsOperatorAsync();

        var folder = $"e2e-{Guid.NewGuid():N}"[..12] + "/";
        var errors = new List<string>();
        Page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        Page.PageError += (_, error) => errors.Add(error);
        await Page.GotoAsync(new Uri(Browser.Portal.BaseUrl, $"t/demo/buckets/demo-assets/uploads?prefix={folder}").ToString());
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(await Page.Locator("[data-testid=upload-panel][data-upload-ready=true]").CountAsync() == 1,
            "the upload script did not start: " + string.Join(" | ", errors) + " | " + await Page.Locator("[data-testid=upload-unavailable]").AllTextContentsAsync().ContinueWith(t => string.Join(",", t.Result), TaskScheduler.Default));
        await Page.EvaluateAsync("() => { window.uploaded = 0; document.body.addEventListener('hikube:uploaded', () => window.uploaded++); }");
        await Page.Locator("#upload-button").ClickAsync();
        await Expect(Page.Locator("[data-testid=upload-panel]")).ToBeVisibleAsync();

        var dir = Directory.CreateTempSubdirectory("hikube-upload-");
        var big = new byte[70 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "large.bin"), big);
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "hello world.txt"), "hello");
        await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "empty.txt"), []);
        await Page.Locator("[data-testid=upload-dashboard] input[type=file]").First.SetInputFilesAsync(
            FileNames.Select(name => Path.Combine(dir.FullName, name)));
        await Expect(Page.Locator(".uppy-StatusBar")).ToContainTextAsync("Complete", new() { Timeout = 120_000 });
        Assert.Equal(3, await Page.EvaluateAsync<int>("() => window.uploaded"));
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }
}
