using System.Text.RegularExpressions;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// A tenant admin in Chromium: sign in -> create a bucket -> it becomes Ready by itself -> reveal the keys ->
/// copy a ready-to-paste snippet (clipboard) -> delete the bucket. With <c>HIKUBE_E2E_SCREENSHOTS=DIR</c> it also
/// saves each screen in the light and the dark theme.
/// </summary>
public sealed class BucketJourney(BrowserFixture browser) : PageTest(browser)
{
    private const string Tenant = "demo";

    [Fact]
    public async Task Create_reveal_copy_and_delete_a_bucket()
    {
        var name = $"e2e-{Guid.NewGuid():N}"[..12];
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Browser.Portal.BaseUrl.GetLeftPart(UriPartial.Authority) });

        await StepAsync("sign-in", async () =>
        {
            await SignInAsOperatorAsync();
        });

        var list = new BucketListPage(Page, Tenant);
        await StepAsync("list", async () =>
        {
            await list.GoToAsync();
            await Expect(Page).ToHaveTitleAsync(new Regex("^Buckets"));
            await Expect(list.Row("demo-assets")).ToContainTextAsync("Ready");
            await ScreenshotsAsync("bucket-list");
        });

        var create = new CreateBucketPage(Page);
        await StepAsync("create", async () =>
        {
            await list.CreateButton.ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/t/{Tenant}/buckets/new$"));
            await create.Name.FillAsync("demo-assets");
            await Expect(create.NameCheck).ToContainTextAsync("already used in tenant-demo");
            await create.Name.FillAsync(name);
            await Expect(create.NameCheck).ToContainTextAsync($"{name} is available");
            await create.AddUser.ClickAsync();
            await create.UserName(1).FillAsync("reader");
            await create.ReadOnly(1).CheckAsync();
            await Page.GetByText("Advanced: object locking, storage pool").ClickAsync();
            await Expect(Page.Locator("#locking-warning")).ToContainTextAsync("Permanent");
            await ScreenshotsAsync("bucket-create");
            await create.Submit.ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/t/{Tenant}/buckets/{name}$"));
        });

        var bucket = new BucketPage(Page);
        await StepAsync("ready", async () =>
        {
            // The status polls itself (htmx) and the page reloads when the bucket settles.
            await Expect(bucket.Status).ToHaveAttributeAsync("data-bucket-phase", "Ready", new() { Timeout = 90_000 });
            await Expect(Page.Locator("#overview-endpoint")).ToBeVisibleAsync();
            await ScreenshotsAsync("bucket-overview");
        });

        string secret = "";
        await StepAsync("reveal", async () =>
        {
            await bucket.Tab("Access").ClickAsync();
            await Expect(bucket.UserCard("admin")).ToContainTextAsync("Read-write");
            await Expect(bucket.UserCard("reader")).ToContainTextAsync("Read-only");
            await Expect(bucket.UserCard("admin").Locator("[data-secret=masked]")).ToBeVisibleAsync();
            Assert.Contains("aws_secret_access_key = REVEAL-TO-SHOW-SECRET-KEY", await Page.ContentAsync(), StringComparison.Ordinal);
            await bucket.Reveal("admin").ClickAsync();
            await Expect(bucket.Secret("admin")).ToHaveTextAsync(new Regex("^[A-Za-z0-9/+=]{20,}$"));
            await Expect(bucket.UserCard("admin").GetByText("Rotate keys", new() { Exact = true })).ToBeVisibleAsync();
            secret = await bucket.Secret("admin").InnerTextAsync();
            Assert.Contains($"aws_secret_access_key = {secret}", await Page.ContentAsync(), StringComparison.Ordinal);
            await ScreenshotsAsync("bucket-access-revealed");
        });

        await StepAsync("copy-snippet", async () =>
        {
            await bucket.ClientTab("admin", "rclone").ClickAsync();
            await bucket.CopyButton("admin", "rclone", 0).ClickAsync();
            await Expect(bucket.CopyButton("admin", "rclone", 0)).ToHaveAttributeAsync("data-portal-copied", "true");
            var copied = await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            Assert.Contains($"secret_access_key = {secret}", copied, StringComparison.Ordinal);
            Assert.Contains("type = s3", copied, StringComparison.Ordinal);
        });

        await StepAsync("delete", async () =>
        {
            await bucket.DeleteLink.ClickAsync();
            var delete = new DeleteBucketPage(Page, name);
            await Expect(Page.Locator("[data-usage]")).ToContainTextAsync("Empty");
            await delete.Confirmation.FillAsync(name);
            await ScreenshotsAsync("bucket-delete");
            await delete.Delete.ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/t/{Tenant}/buckets\\?deleted={name}$"));
            await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Bucket {name} is being deleted");
        });
    }
}
