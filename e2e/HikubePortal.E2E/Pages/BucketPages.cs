using Microsoft.Playwright;

namespace HikubePortal.E2E.Pages;

/// <summary>The bucket list of a tenant.</summary>
public sealed class BucketListPage(IPage page, string tenant)
{
    public ILocator CreateButton => page.GetByRole(AriaRole.Link, new() { Name = "Create bucket", Exact = true });

    public ILocator Filter => page.GetByRole(AriaRole.Searchbox, new() { Name = "Filter by name" });

    public ILocator Row(string bucket) => page.Locator($"#bucket-row-{bucket}");

    public async Task GoToAsync() => await page.GotoAsync($"t/{tenant}/buckets");
}

/// <summary>The create form.</summary>
public sealed class CreateBucketPage(IPage page)
{
    public ILocator Name => page.GetByLabel("Name", new() { Exact = true });

    public ILocator NameCheck => page.Locator("#bucket-name-check");

    public ILocator AddUser => page.GetByRole(AriaRole.Button, new() { Name = "Add user" });

    public ILocator UserName(int index) => page.Locator($"#user-name-{index}");

    public ILocator ReadOnly(int index) => page.Locator($"#user-readonly-{index}");

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
