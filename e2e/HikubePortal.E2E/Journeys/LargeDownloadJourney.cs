using System.Security.Cryptography;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// A developer in Chromium downloads an object larger than the ranged-download threshold (64 MiB): from a new bucket
/// (no CORS rule yet) it comes by parallel ranges through the portal's service worker, after the portal added its
/// origin to the bucket's CORS (listed with the S3 API); from a bucket whose platform refuses CORS changes it comes by
/// the one presigned link. Both files are byte-checked (SHA-256) against what was put. A download whose ranges keep
/// failing after it started fails in the browser and in words on the page.
/// </summary>
public sealed class LargeDownloadJourney(BrowserFixture browser) : PageTest(browser)
{
    private const string Tenant = "demo";

    [Fact]
    public async Task A_large_object_downloads_by_parallel_ranges_and_by_one_link_where_cors_is_refused()
    {
        var open = $"e2e-dl-{Guid.NewGuid():N}"[..17];
        var refused = $"e2e-dlr-{Guid.NewGuid():N}"[..18];
        await Task.WhenAll(PlatformStorage.CreateBucketAsync(Tenant, open), PlatformStorage.CreateBucketAsync(Tenant, refused, refuseCors: true));
        try
        {
            var content = RandomNumberGenerator.GetBytes(80 * 1024 * 1024 + 7);
            var expected = SHA256.HashData(content);
            await SignInAsOperatorAsync();

            await StepAsync("ranged", async () =>
            {
                var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, open);
                using var client = s3;
                await PlatformStorage.WriteAsync(client, s3Bucket, "big/large.bin", content);
                Assert.Empty(await PlatformStorage.CorsAsync(client, s3Bucket));
                var download = await DownloadAsync(open, "big/", "large.bin");
                Assert.Equal(expected, await HashAsync(download));
                await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-download", "ranged");
                var rule = Assert.Single(await PlatformStorage.CorsAsync(client, s3Bucket));
                Assert.Contains("GET", rule.AllowedMethods);
                Assert.Equal([Browser.Portal.BaseUrl.GetLeftPart(UriPartial.Authority)], rule.AllowedOrigins);
            });

            await StepAsync("range-fails", async () =>
            {
                // A plan that names more bytes than the object holds: the first ranges come, the ones past the end
                // answer 416 however often they are asked, so the download fails in the browser and the page says so.
                await Page.RouteAsync("**/downloads/plan", async route =>
                {
                    var response = await route.FetchAsync();
                    var plan = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!;
                    plan["size"] = plan["size"]!.GetValue<long>() + 64L * 1024 * 1024;
                    await route.FulfillAsync(new() { Response = response, Body = plan.ToJsonString() });
                });
                var objects = new ObjectsPage(Page, Tenant, open);
                await objects.GoToAsync("big/");
                var action = await objects.ActionAsync(objects.File("large.bin"), "Download");
                var download = await Page.RunAndWaitForDownloadAsync(() => action.ClickAsync(), new() { Timeout = 120_000 });
                Assert.NotNull(await download.FailureAsync());
                await Expect(Page.GetByText("The download of large.bin failed")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Page.UnrouteAsync("**/downloads/plan");
            });

            await StepAsync("cors-refused", async () =>
            {
                var (s3, s3Bucket) = await PlatformStorage.S3Async(Tenant, refused);
                using var client = s3;
                await PlatformStorage.WriteAsync(client, s3Bucket, "large.bin", content);
                var download = await DownloadAsync(refused, "", "large.bin");
                Assert.Equal(expected, await HashAsync(download));
                await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-download", "link");
            });
        }
        finally
        {
            await Task.WhenAll(PlatformStorage.DeleteBucketAsync(Tenant, open), PlatformStorage.DeleteBucketAsync(Tenant, refused));
        }
    }

    private async Task<IDownload> DownloadAsync(string bucket, string folder, string name)
    {
        var objects = new ObjectsPage(Page, Tenant, bucket);
        await objects.GoToAsync(folder);
        var action = await objects.ActionAsync(objects.File(name), "Download");
        var download = await Page.RunAndWaitForDownloadAsync(() => action.ClickAsync(), new() { Timeout = 120_000 });
        Assert.Equal(name, download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        return download;
    }

    private static async Task<byte[]> HashAsync(IDownload download)
    {
        await using var file = File.OpenRead(await download.PathAsync());
        return await SHA256.HashDataAsync(file);
    }
}
