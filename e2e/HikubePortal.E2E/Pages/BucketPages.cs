using HikubePortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace HikubePortal.E2E.Pages;

/// <summary>The bucket list of a tenant.</summary>
public sealed class BucketListPage(IPage page, string tenant)
{
    public ILocator CreateButton => page.GetByRole(AriaRole.Link, new() { Name = "Create bucket", Exact = true });

    public ILocator Filter => page.GetByRole(AriaRole.Searchbox, new() { Name = "Filter by name" });

    /// <summary>The grid's row of <paramref name="bucket"/> (the row holding the link to its page).</summary>
    public ILocator Row(string bucket) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = bucket, Exact = true }) });

    public ILocator Rows => page.Locator("tbody").GetByRole(AriaRole.Row);

    public ILocator ColumnHeader(string name) => page.GetByRole(AriaRole.Columnheader, new() { Name = name });

    /// <summary>The order, where the headers do not show (phones).</summary>
    public ILocator PhoneOrder => page.GetByRole(AriaRole.Combobox, new() { Name = "Sort by" });

    public ILocator PageSize => page.GetByRole(AriaRole.Combobox, new() { Name = "Rows per page" });

    public ILocator EmptyState => page.GetByText("No buckets yet");

    public async Task GoToAsync(string query = "")
    {
        await page.GotoAsync($"t/{tenant}/buckets{query}");
        await page.WaitForInteractiveAsync();
    }
}

/// <summary>The create form.</summary>
public sealed class CreateBucketPage(IPage page)
{
    public ILocator Name => page.GetByLabel("Name", new() { Exact = true });

    public ILocator NameCheck => page.Locator("#bucket-name-check");

    public ILocator AddUser => page.GetByRole(AriaRole.Button, new() { Name = "Add user" });

    public ILocator UserName(int index) => page.GetByLabel($"Name of user {index + 1}", new() { Exact = true });

    public ILocator ReadOnly(int index) => page.GetByRole(AriaRole.Switch, new() { Name = $"Read-only (user {index + 1})" });

    public ILocator RemoveUser(int index) => page.GetByRole(AriaRole.Button, new() { Name = $"Remove user {index + 1}" });

    public ILocator Advanced => page.GetByRole(AriaRole.Button, new() { Name = "Advanced: object locking, storage pool" });

    public ILocator Submit => page.GetByRole(AriaRole.Button, new() { Name = "Create bucket" });
}

/// <summary>The page of one bucket: its status in the title, its tabs (Overview, Access, Connect, Activity) and its actions.</summary>
public sealed class BucketPage(IPage page)
{
    /// <summary>The status chip next to the bucket's name (<c>data-bucket-phase</c> holds the phase).</summary>
    public ILocator Status => page.GetByRole(AriaRole.Main).Locator("[data-bucket-phase]").First;

    public ILocator Tab(string name) => page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });

    public ILocator UserCard(string user) => page.Locator($"[data-user='{user}']");

    public ILocator Reveal(string user) => page.GetByRole(AriaRole.Button, new() { Name = $"Reveal the secret key of {user}", Exact = true });

    public ILocator Secret(string user) => page.Locator($"#secret-{user}");

    /// <summary>A client's tab on the Connect tab (AWS CLI, rclone, ...).</summary>
    public ILocator ClientTab(string client) => page.GetByRole(AriaRole.Tab, new() { Name = client, Exact = true });

    /// <summary>The copy button of one file of a client's snippet, e.g. ("rclone", "~/.config/rclone/rclone.conf").</summary>
    public ILocator CopyButton(string client, string file) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Copy {client}: {file}", Exact = true });

    /// <summary>Deleting starts from the page's action menu.</summary>
    public async Task OpenDeleteAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "More actions on this bucket" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete bucket" }).ClickAsync();
    }
}

/// <summary>The delete confirmation (a dialog over the bucket page).</summary>
public sealed class DeleteBucketDialog(IPage page, string bucket)
{
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public ILocator Usage => Dialog.Locator("[data-usage]");

    public ILocator Confirmation => Dialog.GetByLabel($"Type {bucket} to confirm");

    public ILocator Delete => Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete bucket", Exact = true });

    public ILocator EmptyAndDelete => Dialog.GetByRole(AriaRole.Button, new() { Name = "Empty and delete" });
}
