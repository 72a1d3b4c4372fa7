using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace HikubePortal.Bench;

/// <summary>
/// A file sent and fetched by Debian's Chromium through the portal's pages, as a user does: <c>browser-upload</c>
/// gives the file to the folder's upload input and waits until the upload panel says it is done;
/// <c>browser-download</c> clicks Download on an object of a folder page and waits until Chromium has written the whole file.
/// Prints the seconds, the throughput and the portal's RSS meanwhile. The session comes from <c>BENCH_COOKIE</c>.
/// </summary>
internal static class BrowserTransferBenchmark
{
    public static async Task<int> UploadAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var file = new FileInfo(args.Required("file"));
        await using var session = await BrowserSession.StartAsync(new Uri(args.Required("page")), cancellationToken);
        var page = session.Page;
        await page.GotoAsync(session.Url.ToString());
        // The folder's drop zone is ready once the page runs interactively and its upload module is attached.
        await page.Locator("[data-testid=object-drop-zone][data-upload-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await using var memory = Memory(args);
        var watch = Stopwatch.StartNew();
        await page.Locator("input[data-upload-input=files]").SetInputFilesAsync(file.FullName);
        // Done when the upload panel says so; an upload it gave up on fails the run with what the panel said.
        var outcome = await page.WaitForFunctionAsync(
            "() => { const s = document.querySelector('[data-testid=upload-panel]')?.dataset.uploadState; return s && s !== 'uploading' ? s : false; }",
            null, new() { Timeout = 0, PollingInterval = 100 });
        var elapsed = watch.Elapsed;
        if (await outcome.JsonValueAsync<string>() != "done")
        {
            var said = await page.Locator("[data-testid=upload-panel]").InnerTextAsync();
            // The browser's messages quote presigned URLs: keep only their paths.
            var errors = session.Errors.Select(e => System.Text.RegularExpressions.Regex.Replace(e, @"\?[^' ]*X-Amz-[^' ]*", "?…"));
            await Console.Error.WriteLineAsync($"the upload failed: {said} | {string.Join(" | ", errors.Distinct())}");
            return 1;
        }
        Report("browser upload", file.Length, elapsed, memory);
        return 0;
    }

    public static async Task<int> DownloadAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var name = args.Required("name");
        await using var session = await BrowserSession.StartAsync(new Uri(args.Required("page")), cancellationToken);
        var page = session.Page;
        await page.GotoAsync(session.Url.ToString());
        await page.Locator("[data-testid=object-drop-zone][data-upload-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = page.Locator("[data-testid=object-row]").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Actions for ") }).ClickAsync();
        var item = page.GetByRole(AriaRole.Menuitem, new() { Name = "Download", Exact = true });
        await item.WaitForAsync();

        await using var memory = Memory(args);
        var clicked = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        // The user's click, as in the object browser: a large object comes by parallel ranges when the page can.
        var download = await page.RunAndWaitForDownloadAsync(() => item.ClickAsync(), new() { Timeout = 0 });
        var path = await download.PathAsync();
        var elapsed = watch.Elapsed;
        // When the click went out and when Chromium said the file was complete (wall clock, to set against the storage's log).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"clicked={clicked.ToUnixTimeMilliseconds() / 1000.0:F3} completed={(clicked + elapsed).ToUnixTimeMilliseconds() / 1000.0:F3}"));
        var failure = await download.FailureAsync();
        if (failure is not null)
        {
            await Console.Error.WriteLineAsync($"download failed: {failure}");
            return 1;
        }
        var mode = await page.EvaluateAsync<string?>("() => document.documentElement.dataset.download ?? null");
        // The worker's own account of a ranged download: its time, and how much of it the next range was not there yet.
        var worker = await page.EvaluateAsync<string?>("() => document.documentElement.dataset.downloadSeconds ?? null");
        Console.WriteLine($"mode={mode}" + (worker is null ? string.Empty : $" (worker: {worker})"));
        Report("browser download", new FileInfo(path).Length, elapsed, memory);
        return 0;
    }

    private static ProcessMemory? Memory(BenchArguments args) =>
        args.Int("portal-pid", 0) is > 0 and var pid ? ProcessMemory.Watch(pid, TimeSpan.FromMilliseconds(100)) : null;

    private static void Report(string what, long bytes, TimeSpan elapsed, ProcessMemory? memory)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {bytes / 1048576.0:F0} MiB in {elapsed.TotalSeconds:F2} s = {bytes / 1048576.0 / elapsed.TotalSeconds:F1} MiB/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds={elapsed.TotalSeconds:F3}"));
        if (memory is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"portal RSS: {memory.First:F0} MiB before, max {memory.Max:F0} MiB during, {memory.Current():F0} MiB after"));
        }
    }
}
