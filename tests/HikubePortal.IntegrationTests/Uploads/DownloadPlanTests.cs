using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3.Model;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.IntegrationTests.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Uploads;

/// <summary>
/// The plan of a large download against the real radosgw, with ranged downloads on: the portal makes the bucket's CORS let its origin fetch
/// ranges, answers with a presigned link whose ranges a browser at that origin may read (the service worker's view),
/// and answers "link" for small objects; another site's page gets a refusal.
/// </summary>
public sealed class DownloadPlanTests(RangedDownloadPortal portal) : IClassFixture<RangedDownloadPortal>
{
    private const long Large = 64L * 1024 * 1024 + 5;
    private static readonly HttpClient Plain = new();

    [Fact]
    public async Task A_large_object_is_planned_as_ranges_the_portal_origin_may_fetch_after_the_portal_opened_the_cors()
    {
        using var client = await portal.SignedInAsync(portal.UseEmail);
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var bytes = RandomNumberGenerator.GetBytes((int)Large);
        await PutAsync("big/large file.bin", bytes);
        await PutAsync("big/small.bin", [1, 2, 3]);
        Assert.Empty(await portal.CorsAsync());
        var api = await UploadApi.OpenAsync(client, portal.Tenant, portal.Files);

        var (foreign, _) = await PlanAsync(api, "big/large file.bin", "https://evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        var (small, smallPlan) = await PlanAsync(api, "big/small.bin", origin);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("link", smallPlan.GetProperty("mode").GetString());
        Assert.False(smallPlan.TryGetProperty("url", out _));

        var (response, plan) = await PlanAsync(api, "big/large file.bin", origin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("ranged", plan.GetProperty("mode").GetString());
        Assert.Equal(Large, plan.GetProperty("size").GetInt64());
        Assert.Equal("large file.bin", plan.GetProperty("name").GetString());
        Assert.StartsWith("attachment;", plan.GetProperty("disposition").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("app/download-worker.js?v=", plan.GetProperty("worker").GetString(), StringComparison.Ordinal);
        var added = Assert.Single(await portal.CorsAsync());
        Assert.Equal([origin], added.AllowedOrigins);
        Assert.Contains("GET", added.AllowedMethods);
        var audit = await portal.AsSystemAsync(services => services.GetRequiredService<IPortalDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == portal.Tenant && e.Action == AuditActions.BucketCorsChanged).ToListAsync());
        Assert.Contains("download", Assert.Single(audit).Detail, StringComparison.Ordinal);

        // What the service worker does: ranges of the link, read from the portal's origin, the ETag visible, in order.
        var url = plan.GetProperty("url").GetString()!;
        var etag = plan.GetProperty("etag").GetString();
        using var assembled = new MemoryStream();
        const long rangeSize = 16L * 1024 * 1024;
        for (long from = 0; from < Large; from += rangeSize)
        {
            var to = Math.Min(Large, from + rangeSize) - 1;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Origin", origin);
            request.Headers.Range = new RangeHeaderValue(from, to);
            using var range = await Plain.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
            Assert.Equal(origin, range.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains("etag", string.Join(',', range.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(etag, range.Headers.ETag?.ToString());
            await range.Content.CopyToAsync(assembled);
        }
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(assembled.ToArray()));

        // Asked again, the rule is there: nothing changes, nothing more is audited.
        Assert.Equal("ranged", (await PlanAsync(api, "big/large file.bin", origin)).Plan.GetProperty("mode").GetString());
        Assert.Single(await portal.CorsAsync());
    }

    /// <summary>With the setting off (the default), every object downloads by one link and the CORS rules stay as they were.</summary>
    [Fact]
    public async Task With_ranged_downloads_off_a_large_object_downloads_by_one_link()
    {
        var off = new UploadPortal();
        await off.InitializeAsync();
        try
        {
            using var s3 = S3Probe.Client(off.Keys.AccessKey, off.Keys.SecretKey);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = off.S3Bucket, Key = "large.bin", InputStream = new MemoryStream(new byte[Large]), UseChunkEncoding = false });
            using var client = await off.SignedInAsync(off.UseEmail);
            var api = await UploadApi.OpenAsync(client, off.Tenant, off.Files);
            var (response, plan) = await PlanAsync(api, "large.bin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("link", plan.GetProperty("mode").GetString());
            Assert.Empty(await off.CorsAsync());
        }
        finally
        {
            await ((IAsyncLifetime)off).DisposeAsync();
        }
    }

    private async Task PutAsync(string key, byte[] bytes)
    {
        using var s3 = S3Probe.Client(portal.Keys.AccessKey, portal.Keys.SecretKey);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = portal.S3Bucket, Key = key, InputStream = new MemoryStream(bytes), UseChunkEncoding = false });
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Plan)> PlanAsync(UploadApi api, string key, string origin) =>
        await api.PostToAsync(api.Url("/plan").Replace("/uploads/", "/downloads/", StringComparison.Ordinal), new { key }, origin);
}
