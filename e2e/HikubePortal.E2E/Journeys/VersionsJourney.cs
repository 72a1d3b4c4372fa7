using System.Text;
using Amazon.S3.Model;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// A tenant admin in Chromium turns versioning on for a new bucket, uploads a file twice, sees its two versions,
/// restores the first (downloaded byte-equal), deletes the file and undoes the delete, then adds a lifecycle rule and
/// sees it listed. Each step is checked with the S3 API behind the portal's back; the new screens pass axe.
/// </summary>
public sealed class VersionsJourney(BrowserFixture browser) : PageTest(browser)
{
    private const string Tenant = "demo";
    private const string First = "first version of the notes";
    private const string Second = "second version of the notes, longer";

    [Fact]
    public async Task Versioning_versions_restore_undo_delete_and_a_lifecycle_rule()
    {
        var bucket = $"e2e-ver-{Guid.NewGuid():N}"[..18];
        await PlatformStorage.CreateBucketAsync(Tenant, bucket);
        try
        {
            var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, bucket);
            using var client = s3;
            await SignInAsOperatorAsync();
            var objects = new ObjectsPage(Page, Tenant, bucket);

            await StepAsync("turn-on-versioning", async () =>
            {
                await OpenAsync($"t/{Tenant}/buckets/{bucket}?tab=data");
                var versioning = Page.Locator("[data-testid=versioning]");
                await Expect(versioning).ToHaveAttributeAsync("data-state", "Off");
                await AssertAccessibleAsync("bucket data tab");
                await Page.GetByRole(AriaRole.Button, new() { Name = "Turn on versioning" }).ClickAsync();
                await Expect(versioning).ToHaveAttributeAsync("data-state", "Enabled");
                await ScreenshotsAsync("bucket-data-versioning");
            });
            var status = await client.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = s3Bucket });
            Assert.Equal("Enabled", status.VersioningConfig.Status.Value);

            await StepAsync("upload-twice", async () =>
            {
                await objects.GoToAsync();
                await objects.CountUploadsAsync();
                await objects.FilesInput.SetInputFilesAsync(Temp.File("notes.txt", First));
                await objects.WaitUploadedAsync(1);
                await objects.FilesInput.SetInputFilesAsync(Temp.File("notes.txt", Second));
                await objects.WaitUploadedAsync(2);
            });
            Assert.Equal(Second, Encoding.UTF8.GetString(await PlatformStorage.ReadAsync(client, s3Bucket, "notes.txt")));

            await StepAsync("see-two-versions", async () =>
            {
                await Page.GetByRole(AriaRole.Switch, new() { Name = "Show versions" }).ClickAsync();
                var rows = Page.Locator("[data-testid=object-versions] tr[data-key='notes.txt']");
                await Expect(rows).ToHaveCountAsync(2);
                await Expect(rows.First).ToHaveAttributeAsync("data-latest", "true");
                await AssertAccessibleAsync("object versions");
                await ScreenshotsAsync("object-versions");
            });

            await StepAsync("restore-the-first", async () =>
            {
                var older = Page.Locator("[data-testid=object-versions] tr[data-key='notes.txt'][data-latest=false]");
                await older.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
                await Expect(Page.Locator("[data-testid=object-versions] tr[data-key='notes.txt']")).ToHaveCountAsync(3);
                var latest = Page.Locator("[data-testid=object-versions] tr[data-key='notes.txt'][data-latest=true]");
                var download = await Page.RunAndWaitForDownloadAsync(() => latest.GetByRole(AriaRole.Link, new() { NameRegex = new("^Download version") }).ClickAsync());
                await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("versions=1$"));
                var path = await download.PathAsync();
                Assert.Equal(First, await File.ReadAllTextAsync(path!));
            });
            Assert.Equal(First, Encoding.UTF8.GetString(await PlatformStorage.ReadAsync(client, s3Bucket, "notes.txt")));

            await StepAsync("delete-and-undo", async () =>
            {
                await Page.GetByRole(AriaRole.Switch, new() { Name = "Show versions" }).ClickAsync();
                await (await objects.ActionAsync(objects.File("notes.txt"), "Delete")).ClickAsync();
                await objects.Dialog.Locator("[data-testid=delete-confirm]").ClickAsync();
                await Expect(objects.File("notes.txt")).ToHaveCountAsync(0);
                await Page.GetByRole(AriaRole.Switch, new() { Name = "Show versions" }).ClickAsync();
                var marker = Page.Locator("[data-testid=object-versions] tr[data-key='notes.txt'][data-delete-marker=true]");
                await Expect(marker).ToHaveAttributeAsync("data-latest", "true");
                await marker.GetByRole(AriaRole.Button, new() { Name = "Undo delete" }).ClickAsync();
                await Expect(marker).ToHaveCountAsync(0);
            });
            Assert.Equal(First, Encoding.UTF8.GetString(await PlatformStorage.ReadAsync(client, s3Bucket, "notes.txt")));

            await StepAsync("lifecycle-rule", async () =>
            {
                await OpenAsync($"t/{Tenant}/buckets/{bucket}?tab=data");
                await Page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
                var dialog = Page.GetByRole(AriaRole.Dialog);
                await dialog.GetByLabel("Name").FillAsync("old-versions");
                await dialog.GetByLabel("Delete older versions").CheckAsync();
                await dialog.GetByLabel("days after they are replaced").FillAsync("30");
                await Expect(dialog.Locator("[data-testid=rule-summary]")).ToContainTextAsync("Deletes older versions of every object 30 days after they are replaced");
                await AssertAccessibleAsync("lifecycle rule dialog");
                await ScreenshotsAsync("lifecycle-rule-dialog");
                await dialog.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
                await Expect(Page.Locator("tr[data-rule=old-versions]")).ToContainTextAsync("30 days after they are replaced");
                await ScreenshotsAsync("bucket-data-lifecycle");
            });
            await StepAsync("tenant-usage", async () =>
            {
                await OpenAsync($"t/{Tenant}");
                var usage = Page.Locator("[data-testid=tenant-usage]");
                await Expect(usage.Locator("[data-testid=tenant-usage-total]")).ToContainTextAsync("bucket");
                await Expect(usage.Locator("[data-testid=tenant-quota]")).ToHaveTextAsync("No bucket quota reported for this tenant.");
                await AssertAccessibleAsync("tenant overview");
                await ScreenshotsAsync("tenant-overview");
            });
            var lifecycle = await client.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = s3Bucket });
            var rule = Assert.Single(lifecycle.Configuration.Rules);
            Assert.Equal(("old-versions", 30), (rule.Id, rule.NoncurrentVersionExpiration.NoncurrentDays));
        }
        finally
        {
            await PlatformStorage.DeleteBucketAsync(Tenant, bucket);
        }
    }

    [Fact]
    public async Task A_platform_that_keeps_versioning_to_itself_is_said_in_words()
    {
        var bucket = $"e2e-kept-{Guid.NewGuid():N}"[..18];
        await PlatformStorage.CreateBucketAsync(Tenant, bucket, refuseDataChanges: true);
        try
        {
            await SignInAsOperatorAsync();
            await StepAsync("refused", async () =>
            {
                await OpenAsync($"t/{Tenant}/buckets/{bucket}?tab=data");
                var versioning = Page.Locator("[data-testid=versioning]");
                await Expect(versioning).ToHaveAttributeAsync("data-state", "Off");
                await Page.GetByRole(AriaRole.Button, new() { Name = "Turn on versioning" }).ClickAsync();
                await Expect(Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "does not allow" }))
                    .ToContainTextAsync($"The platform does not allow the portal to turn on versioning for bucket {bucket}");
                await Expect(versioning).ToHaveAttributeAsync("data-state", "Off");
                await ScreenshotsAsync("bucket-data-refused");
            });
            var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, bucket);
            using var client = s3;
            var status = await client.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = s3Bucket });
            Assert.NotEqual("Enabled", status.VersioningConfig.Status?.Value);
        }
        finally
        {
            await PlatformStorage.DeleteBucketAsync(Tenant, bucket);
        }
    }
}
