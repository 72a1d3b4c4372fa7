using System.Globalization;
using Microsoft.Playwright;

namespace HikubePortal.Bench;

/// <summary>
/// The object browser in Chromium: how long until a person sees rows. A first page is a fresh page load (request,
/// prerendered HTML, paint); a next page is a click on Next in the interactive page (the circuit lists the page and
/// the browser applies the rows). Times are the page's own clock (<c>performance.now()</c>) from the navigation's start
/// or the click, to the first frame painted with the rows in the document.
/// </summary>
internal static class ListingInChromium
{
    /// <summary>Records when the first object row enters the document, and the next frame after it.</summary>
    private const string FirstRowsScript = """
        window.__rowsVisible = new Promise(resolve => {
          const found = () => document.querySelector('[data-testid=object-row]');
          const done = () => { const inDocument = performance.now(); requestAnimationFrame(() => setTimeout(() => resolve([inDocument, performance.now()]), 0)); };
          const observer = new MutationObserver(() => { if (found()) { observer.disconnect(); done(); } });
          observer.observe(document, { subtree: true, childList: true });
        });
        """;

    /// <summary>Clicks Next and waits until the first row is another one; the time in the document, then painted.</summary>
    private const string NextPageScript = """
        async () => {
          const firstKey = () => document.querySelector('[data-testid=object-row]')?.dataset.key;
          const before = firstKey();
          const next = document.querySelector('a[rel=next]');
          if (!next) return null;
          const start = performance.now();
          next.click();
          await new Promise(resolve => {
            const check = () => { if (firstKey() && firstKey() !== before) { observer.disconnect(); resolve(); } };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-key'] });
            check();
          });
          const inDocument = performance.now() - start;
          await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return [inDocument, performance.now() - start];
        }
        """;

    public static async Task<bool> RunAsync(Uri first, int loads, int nextPages, CancellationToken cancellationToken)
    {
        await using var session = await BrowserSession.StartAsync(first, cancellationToken);
        await session.Context.AddInitScriptAsync(FirstRowsScript);
        var page = session.Page;

        // One load not counted (the portal's and Chromium's caches warm).
        try
        {
            await LoadAsync(page, first);
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"the object browser never became interactive at {page.Url}; browser errors: {string.Join(" | ", session.Errors)}");
            return false;
        }
        var firstPage = new List<double>();
        var interactive = new List<double>();
        for (var i = 0; i < loads; i++)
        {
            var (rows, ready) = await LoadAsync(page, first);
            firstPage.Add(rows);
            interactive.Add(ready);
        }

        var nextPage = new List<double>();
        var nextServer = new List<double>();
        while (nextPage.Count < nextPages)
        {
            var times = await page.EvaluateAsync<double[]?>(NextPageScript);
            if (times is null)
            {
                await LoadAsync(page, first); // the last page: from the first one again
                continue;
            }
            nextPage.Add(times[1]);
            nextServer.Add(double.Parse(await page.GetAttributeAsync("[data-testid=object-grid]", "data-server-ms") ?? "0", CultureInfo.InvariantCulture));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Chromium, first page (page load to rows painted): p50 {Percentile(firstPage, 0.50):F0} ms, p95 {Percentile(firstPage, 0.95):F0} ms over {firstPage.Count} loads; interactive p50 {Percentile(interactive, 0.50):F0} ms, p95 {Percentile(interactive, 0.95):F0} ms
            Chromium, next page (click on Next to rows painted): p50 {Percentile(nextPage, 0.50):F0} ms, p95 {Percentile(nextPage, 0.95):F0} ms over {nextPage.Count} pages; of it listing in the circuit p50 {Percentile(nextServer, 0.50):F0} ms, p95 {Percentile(nextServer, 0.95):F0} ms
            """));
        if (session.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"browser errors: {string.Join(" | ", session.Errors)}");
        }
        return session.Errors.Count == 0;
    }

    /// <summary>A fresh load of the first page: milliseconds from the navigation's start to rows painted, and to an interactive page.</summary>
    private static async Task<(double Rows, double Interactive)> LoadAsync(IPage page, Uri url)
    {
        await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.Commit });
        var rows = await page.EvaluateAsync<double[]>("() => window.__rowsVisible");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.interactive === 'true'", null, new() { Timeout = 60_000, PollingInterval = 10 });
        var interactive = await page.EvaluateAsync<double>("() => performance.now()");
        return (rows[1], interactive);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
