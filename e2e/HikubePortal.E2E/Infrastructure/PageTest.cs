using Microsoft.Playwright;

namespace HikubePortal.E2E.Infrastructure;

/// <summary>
/// Base of every journey: a fresh browser context and page per test; on failure a full-page
/// screenshot is kept under the test output (<c>screenshots/</c>).
/// </summary>
[Collection(BrowserGroup.Name)]
public abstract class PageTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Context = await Browser.NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    public virtual async Task DisposeAsync() => await Context.CloseAsync();

    /// <summary>Runs a journey step; on failure keeps a screenshot named after the test, then rethrows.</summary>
    protected async Task StepAsync(string name, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"{GetType().Name}-{name}.png"), FullPage = true });
            throw;
        }
    }
}
