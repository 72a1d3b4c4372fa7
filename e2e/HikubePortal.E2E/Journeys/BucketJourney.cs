using System.Text.RegularExpressions;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// A tenant admin in Chromium: sign in -> create a bucket -> it becomes Ready by itself -> reveal the keys ->
/// the snippets carry the secret; copy one (clipboard) -> delete the bucket from its page. With <c>HIKUBE_E2E_SCREENSHOTS=DIR</c> it also
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
        var create = new CreateBucketPage(Page);
        await StepAsync("create", async () =>
        {
            // The list and the create form themselves are BucketListJourney's.
            await list.GoToAsync();
            await list.CreateButton.ClickAsync();
            await create.Name.FillAsync(name);
            await Expect(create.NameCheck).ToContainTextAsync($"{name} is available");
            await create.AddUser.ClickAsync();
            await create.UserName(1).FillAsync("reader");
            await create.ReadOnly(1).CheckAsync();
            await create.Submit.ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/t/{Tenant}/buckets/{name}$"));
        });

        var bucket = new BucketPage(Page);
        await StepAsync("ready", async () =>
        {
            // No reload: the bucket's watch updates the page when the platform has provisioned it.
            await Expect(bucket.Status).ToHaveAttributeAsync("data-bucket-phase", "Ready", new() { Timeout = 90_000 });
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Copy the endpoint" })).ToBeVisibleAsync();
            await ScreenshotsAsync("bucket-overview");
        });

        string secret = "";
        await StepAsync("reveal", async () =>
        {
            await bucket.Tab("Access").ClickAsync();
            await Expect(bucket.UserCard("admin")).ToContainTextAsync("Read-write");
            await Expect(bucket.UserCard("reader")).ToContainTextAsync("Read-only");
            await Expect(bucket.UserCard("admin").Locator("[data-secret=masked]")).ToBeVisibleAsync();
            await bucket.Reveal("admin").ClickAsync();
            await Expect(bucket.Secret("admin")).ToHaveTextAsync(new Regex("^[A-Za-z0-9/+=]{20,}$"));
            await Expect(bucket.Secret("admin")).ToBeFocusedAsync();
            await Expect(bucket.UserCard("reader").Locator("[data-secret=masked]")).ToBeVisibleAsync(); // one user at a time
            secret = await bucket.Secret("admin").InnerTextAsync();
            await ScreenshotsAsync("bucket-access-revealed");
        });

        await StepAsync("copy-snippet", async () =>
        {
            // A while later (past the 2 s a membership read is kept), changing tab keeps the page and its secret: the
            // router used to re-check the tenant and tear the page down meanwhile.
            await Page.WaitForTimeoutAsync(3_000);
            await bucket.Tab("Connect").ClickAsync();
            await bucket.ClientTab("rclone").ClickAsync();
            // The revealed secret is in the snippet (shown after Reveal, in this circuit only).
            await Expect(Page.Locator("[data-snippet=rclone] pre").First).ToContainTextAsync($"secret_access_key = {secret}");
            await bucket.CopyButton("rclone", "~/.config/rclone/rclone.conf").ClickAsync();
            await Expect(Page.GetByText("~/.config/rclone/rclone.conf copied.")).ToBeVisibleAsync();
            var copied = await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            Assert.Contains($"secret_access_key = {secret}", copied, StringComparison.Ordinal);
            Assert.Contains("type = s3", copied, StringComparison.Ordinal);
            await ScreenshotsAsync("bucket-connect");
        });

        await StepAsync("delete", async () =>
        {
            await bucket.OpenDeleteAsync();
            var delete = new DeleteBucketDialog(Page, name);
            await Expect(delete.Usage).ToHaveAttributeAsync("data-usage", "empty");
            await Expect(delete.Delete).ToBeDisabledAsync();
            await delete.Confirmation.FillAsync(name);
            await AssertAccessibleAsync("delete dialog");
            await ScreenshotsAsync("bucket-delete");
            await delete.Delete.ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($"/t/{Tenant}/buckets$"));
            await Expect(Page.GetByText($"Bucket {name} is being deleted.")).ToBeVisibleAsync();
        });
    }
}
