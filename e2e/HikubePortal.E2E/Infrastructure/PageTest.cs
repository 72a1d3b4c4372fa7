using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
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

    /// <summary>
    /// With <c>HIKUBE_E2E_SCREENSHOTS=DIR</c>, saves the page in the light and the dark theme, 1280 and 390 px wide
    /// (for review by eye).
    /// </summary>
    protected async Task ScreenshotsAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("HIKUBE_E2E_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        var size = Page.ViewportSize;
        foreach (var width in new[] { 1280, 390 })
        {
            await Page.SetViewportSizeAsync(width, 900);
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await UseSchemeAsync(scheme);
                var theme = scheme == ColorScheme.Dark ? "dark" : "light";
                await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}-{theme}.png"), FullPage = true });
            }
        }
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        if (size is not null)
        {
            await Page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }

    /// <summary>
    /// Runs axe-core on the page as it is now, in the light and the dark theme (WCAG 2.x A and AA rules); fails on any
    /// critical or serious violation, naming the rule and the elements.
    /// </summary>
    protected async Task AssertAccessibleAsync(string screen)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await UseSchemeAsync(scheme);
            var result = await Page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            var blocking = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
            Assert.True(blocking.Count == 0, $"{screen} ({scheme}): " + string.Join("; ", blocking.Select(v =>
                $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Take(3).Select(n => $"{string.Join(" ", n.Target)} [{n.Html[..Math.Min(n.Html.Length, 160)]}] {string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))}")));
        }
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
    }

    /// <summary>
    /// Switches the system's colour scheme and waits until the page shows it: the app's pages follow it through their
    /// circuit (the page's background turns dark or light); the static account pages keep the theme of their cookie, so
    /// the wait gives up after 3 s. Transitions are turned off first: a button still fading to its new colour would be
    /// measured half-way (axe saw dark-theme text on a light-theme button).
    /// </summary>
    private async Task UseSchemeAsync(ColorScheme scheme)
    {
        await Page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; }" });
        await Page.EmulateMediaAsync(new() { ColorScheme = scheme });
        try
        {
            await Page.WaitForFunctionAsync(
                "dark => { const c = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g); return !!c && (c[0] * 0.3 + c[1] * 0.59 + c[2] * 0.11 < 128) === dark; }",
                scheme == ColorScheme.Dark, new() { Timeout = 3_000 });
        }
        catch (TimeoutException)
        {
            // a page that does not follow the system's scheme
        }
        await Page.WaitForTimeoutAsync(100); // the rest of the frame repaints
    }

    /// <summary>Waits until the page's circuit runs (the layout marks the document): clicks before that do nothing.</summary>
    protected Task WaitForInteractiveAsync() => Page.WaitForInteractiveAsync();

    /// <summary>Opens a portal page and waits for its circuit, so that what the test does next reaches the page.</summary>
    protected async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    /// <summary>
    /// A new tenant, created by the signed-in operator through the operator pages, with the operator as its first
    /// (and only) admin.
    /// </summary>
    protected async Task<string> CreateTenantAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await OpenAsync("operator/tenants/new");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Page.GetByLabel("First admin (optional)").FillAsync(Browser.Portal.OperatorEmail);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/operator/tenants$"), new() { Timeout = 30_000 });
        await Assertions.Expect(Page.GetByText($"Tenant tenant-{name} was created")).ToBeVisibleAsync();
        return name;
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
