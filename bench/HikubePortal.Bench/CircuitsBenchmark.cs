using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace HikubePortal.Bench;

/// <summary>
/// Interactive pages as users keep them open: opens a page (the bucket list) in Chromium again and again until
/// <c>--circuits</c> pages each hold a live circuit, and prints the time from navigation to an interactive page
/// (p50/p95), the portal's RSS growth per circuit, and the portal's CPU while the circuits sit idle. Chromium shares
/// a few renderer processes between the tabs (<c>--renderer-process-limit</c>) so that 200 tabs fit on a small machine;
/// the portal cannot tell: each tab is its own page load, websocket and circuit.
/// </summary>
internal static class CircuitsBenchmark
{
    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.Required("url"));
        var count = args.Int("circuits", 200);
        var idle = TimeSpan.FromSeconds(args.Int("idle-seconds", 60));
        var pid = args.Int("portal-pid", 0);
        if (pid <= 0)
        {
            await Console.Error.WriteLineAsync("--portal-pid is required (the portal whose memory and CPU to read)");
            return 2;
        }
        await using var session = await BrowserSession.StartAsync(url, cancellationToken, "--renderer-process-limit=4");

        // One circuit first: the portal's caches, JIT and the tenant's watch are warm before memory is read.
        List<double> toInteractive;
        try
        {
            toInteractive = [await OpenAsync(session.Page, url)];
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"the first tab never became interactive: at {session.Page.Url}; browser errors: {string.Join(" | ", session.Errors)}");
            return 1;
        }
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var rssBefore = ProcessMemory.Of(pid);

        var pages = new List<IPage> { session.Page };
        while (pages.Count < count)
        {
            var page = await session.Context.NewPageAsync();
            try
            {
                toInteractive.Add(await OpenAsync(page, url));
            }
            catch (TimeoutException)
            {
                await Console.Error.WriteLineAsync($"tab {pages.Count + 1} did not become interactive within 60 s; stopping at {pages.Count} circuits");
                await page.CloseAsync();
                break;
            }
            pages.Add(page);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pages.Count} tabs opened: portal RSS {ProcessMemory.Of(pid):F1} MiB (1 circuit: {rssBefore:F1} MiB)"));
        // Every tab still holds its circuit: its reconnect dialog is not showing.
        var live = 0;
        foreach (var page in pages)
        {
            try
            {
                live += await page.EvaluateAsync<bool>("() => document.documentElement.dataset.interactive === 'true' && !document.querySelector('#components-reconnect-modal[open]')") ? 1 : 0;
            }
            catch (PlaywrightException)
            {
                // The tab is loading a page again (its circuit was lost and it reloaded): not live.
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        var rssAfter = ProcessMemory.Of(pid);

        var cpuBefore = ProcessMemory.CpuSeconds(pid);
        var watch = Stopwatch.StartNew();
        await Task.Delay(idle, cancellationToken);
        var cpu = (ProcessMemory.CpuSeconds(pid) - cpuBefore) / watch.Elapsed.TotalSeconds;

        toInteractive.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"navigation -> interactive page in Chromium: p50 {Percentile(toInteractive, 0.50):F0} ms, p95 {Percentile(toInteractive, 0.95):F0} ms over {toInteractive.Count} page loads"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{live} of {pages.Count} tabs interactive at the end; portal RSS {rssBefore:F1} MiB with 1 circuit, {rssAfter:F1} MiB with {pages.Count}: {(rssAfter - rssBefore) / (pages.Count - 1) * 1024:F0} KiB per circuit"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"portal CPU with {pages.Count} idle circuits over {watch.Elapsed.TotalSeconds:F0} s: {cpu * 100:F2} % of one core"));
        return live == pages.Count ? 0 : 1;
    }

    private static async Task<double> OpenAsync(IPage page, Uri url)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(url.ToString());
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.interactive === 'true'", null, new() { Timeout = 60_000, PollingInterval = 20 });
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
