using Microsoft.Playwright;

namespace HikubePortal.E2E.Pages;

/// <summary>The object browser of one bucket: a folder's listing, its upload panel, and the rows' action menus.</summary>
public sealed class ObjectsPage(IPage page, string tenant, string bucket)
{
    public ILocator UploadButton => page.Locator("#upload-button");

    public ILocator UploadPanel => page.Locator("[data-testid=upload-panel]");

    public ILocator UploadReady => page.Locator("[data-testid=upload-panel][data-upload-ready=true]");

    /// <summary>Uppy's hidden folder picker (<c>webkitdirectory</c>): files keep their paths inside the folder.</summary>
    public ILocator FolderInput => page.Locator("[data-testid=upload-dashboard] input[type=file][webkitdirectory]");

    public ILocator StatusBar => page.Locator(".uppy-StatusBar");

    public ILocator DropZone => page.Locator("#object-drop-zone");

    public ILocator Folder(string name) => page.Locator("[data-testid=folder-row]").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    public ILocator File(string name) => page.Locator("[data-testid=object-row]").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    /// <summary>Opens a row's menu (a <c>details</c> element) and returns the action in it.</summary>
    public static async Task<ILocator> ActionAsync(ILocator row, string action)
    {
        await row.Locator("[data-testid=row-menu] summary").ClickAsync();
        return row.Locator($"[data-testid=action-{action}]");
    }

    public async Task GoToAsync(string prefix = "") =>
        await page.GotoAsync($"t/{tenant}/buckets/{bucket}/objects" + (prefix.Length == 0 ? string.Empty : "?prefix=" + Uri.EscapeDataString(prefix)));
}
