using Microsoft.Playwright;

namespace HikubePortal.E2E.Pages;

/// <summary>The object browser of one bucket: a folder's listing, its details drawer, its upload panel and the rows' menus.</summary>
public sealed class ObjectsPage(IPage page, string tenant, string bucket)
{
    public string Tenant => tenant;

    public string Bucket => bucket;

    public ILocator Listing => page.Locator("[data-testid=object-listing]");

    public ILocator Grid => page.GetByRole(AriaRole.Grid);

    public ILocator UploadMenu => page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true });

    public ILocator UploadPanel => page.GetByRole(AriaRole.Region, new() { Name = "Uploads" });

    public ILocator FilesInput => page.Locator("input[data-upload-input=files]");

    public ILocator FolderInput => page.Locator("input[data-upload-input=folder]");

    public ILocator DropZone => page.Locator("[data-testid=object-drop-zone]");

    public ILocator Details => page.Locator("[data-testid=object-details]");

    public ILocator Search => page.GetByRole(AriaRole.Textbox, new() { Name = "Search this folder" });

    /// <summary>The row of a folder, found by its name's link.</summary>
    public ILocator Folder(string name) => page.Locator("[data-testid=folder-row]").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    /// <summary>The row of an object, found by its name's link.</summary>
    public ILocator File(string name) => page.Locator("[data-testid=object-row]").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    public static ILocator Checkbox(ILocator row) => row.GetByRole(AriaRole.Checkbox);

    /// <summary>Opens a row's menu and returns one of its items.</summary>
    public async Task<ILocator> ActionAsync(ILocator row, string item)
    {
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Actions for ") }).ClickAsync();
        return page.GetByRole(AriaRole.Menuitem, new() { Name = item, Exact = true });
    }

    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public async Task GoToAsync(string prefix = "", string? query = null)
    {
        var url = $"t/{tenant}/buckets/{bucket}/objects" + (prefix.Length == 0 ? string.Empty : "?prefix=" + Uri.EscapeDataString(prefix));
        if (query is not null)
        {
            url += (prefix.Length == 0 ? "?" : "&") + query;
        }
        await page.GotoAsync(url);
        await WaitInteractiveAsync();
    }

    /// <summary>Waits until the page runs interactively (its upload module attached: it sets data-upload-ready).</summary>
    public Task WaitInteractiveAsync() =>
        page.Locator($"[data-testid=object-drop-zone][data-upload-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>Counts the page's <c>hikube:uploaded</c> events (each file stored) from now on.</summary>
    public Task CountUploadsAsync() =>
        page.EvaluateAsync("() => { window.uploaded = []; document.body.addEventListener('hikube:uploaded', e => window.uploaded.push(e.detail.key)); }");

    public Task<string[]> UploadedAsync() => page.EvaluateAsync<string[]>("() => window.uploaded");

    /// <summary>Waits until <paramref name="count"/> files were stored since <see cref="CountUploadsAsync"/>.</summary>
    public Task WaitUploadedAsync(int count, int timeoutMs = 120_000) =>
        page.WaitForFunctionAsync("n => window.uploaded && window.uploaded.length >= n", count, new() { Timeout = timeoutMs, PollingInterval = 100 });
}
