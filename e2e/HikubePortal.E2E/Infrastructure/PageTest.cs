using HikubePortal.E2E.Pages;
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

    /// <summary>With <c>HIKUBE_E2E_SCREENSHOTS=DIR</c>, saves the page in the light and the dark theme (for review by eye).</summary>
    protected async Task ScreenshotsAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("HIKUBE_E2E_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await Page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await Page.WaitForFunctionAsync("s => document.documentElement.getAttribute('data-bs-theme') === s", scheme == ColorScheme.Dark ? "dark" : "light");
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{(scheme == ColorScheme.Dark ? "dark" : "light")}.png"), FullPage = true });
        }
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
    }

    /// <summary>Signs in as the seeded operator and checks the portal let them in.</summary>
    protected async Task SignInAsOperatorAsync()
    {
        var signIn = new SignInPage(Page);
        await signIn.GoToAsync();
        await signIn.SignInAsync(Browser.Portal.OperatorEmail, Browser.Portal.OperatorPassword);
        await Assertions.Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
    }
}
