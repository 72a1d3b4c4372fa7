using Microsoft.Playwright;

namespace HikubePortal.Bench;

/// <summary>
/// Debian's Chromium, headless, with one signed-in context (the session cookie from <c>BENCH_COOKIE</c>). More
/// command-line switches come from <c>HIKUBE_CHROMIUM_ARGS</c> (separated by spaces), e.g.
/// <c>--enable-features=ParallelDownloading</c> to see what the browser itself does with a download;
/// <c>HIKUBE_SERVICE_WORKERS=block</c> gives the pages no service worker. The product depends on neither.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public Uri Url { get; private init; } = null!;

    public IPage Page { get; private set; } = null!;

    /// <summary>The signed-in browser context (more pages of the same session).</summary>
    public IBrowserContext Context { get; private set; } = null!;

    /// <summary>Errors the page logged (console and uncaught).</summary>
    public List<string> Errors { get; } = [];

    public static async Task<BrowserSession> StartAsync(Uri url, CancellationToken cancellationToken, params string[] extraArgs)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = new BrowserSession { Url = url };
        session._playwright = await Playwright.CreateAsync();
        session._browser = await session._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HIKUBE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", .. extraArgs, .. FromEnvironment()],
        });
        session.Context = await session._browser.NewContextAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            ServiceWorkers = Environment.GetEnvironmentVariable("HIKUBE_SERVICE_WORKERS") == "block" ? ServiceWorkerPolicy.Block : ServiceWorkerPolicy.Allow,
        });
        var cookie = (Environment.GetEnvironmentVariable("BENCH_COOKIE") ?? throw new InvalidOperationException("BENCH_COOKIE is not set.")).Split('=', 2);
        await session.Context.AddCookiesAsync([new Cookie { Name = cookie[0], Value = cookie[1], Url = url.GetLeftPart(UriPartial.Authority) }]);
        session.Page = await session.Context.NewPageAsync();
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.Errors.Add(message.Text);
            }
        };
        session.Page.PageError += (_, error) => session.Errors.Add(error);
        return session;
    }

    private static string[] FromEnvironment() =>
        (Environment.GetEnvironmentVariable("HIKUBE_CHROMIUM_ARGS") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
