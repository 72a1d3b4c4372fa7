using Microsoft.Playwright;

namespace HikubePortal.E2E.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the page's circuit runs (the layout marks the document): before that, clicks and typing reach
    /// only the prerendered HTML, which the circuit's first render replaces.
    /// </summary>
    public static async Task WaitForInteractiveAsync(this IPage page) =>
        await page.WaitForSelectorAsync("html[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
}
