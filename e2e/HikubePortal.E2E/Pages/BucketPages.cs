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

    public ILocator EmptyState => page.GetByText("No buckets yet");

    public async Task GoToAsync(string query = "") => await page.GotoAsync($"t/{tenant}/buckets{query}");
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

/// <summary>The page of one bucket.</summary>
public sealed class BucketPage(IPage page)
{
    public ILocator Status => page.Locator("#bucket-live [data-bucket-phase]");

    public ILocator Tab(string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public ILocator UserCard(string user) => page.Locator($"#user-{user}");

    public ILocator Reveal(string user) => UserCard(user).GetByRole(AriaRole.Button, new() { Name = "Reveal" });

    public ILocator Secret(string user) => page.Locator($"#user-{user}-secret-key");

    public ILocator ClientTab(string user, string client) => page.Locator($"#user-{user}-connect-{client}-tab");

    public ILocator CopyButton(string user, string client, int block) =>
        page.Locator($"button[data-portal-copy='#user-{user}-connect-{client}-{block}']");

    public ILocator DeleteLink => page.GetByRole(AriaRole.Link, new() { Name = "Delete bucket" });
}

/// <summary>The delete confirmation.</summary>
public sealed class DeleteBucketPage(IPage page, string bucket)
{
    public ILocator Confirmation => page.GetByLabel($"Type {bucket} to confirm");

    public ILocator Delete => page.GetByRole(AriaRole.Button, new() { Name = "Delete bucket", Exact = true });

    public ILocator EmptyAndDelete => page.GetByRole(AriaRole.Button, new() { Name = "Empty and delete" });
}
