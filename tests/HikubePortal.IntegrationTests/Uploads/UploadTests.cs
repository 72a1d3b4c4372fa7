using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using HikubePortal.Application.Audit;
using HikubePortal.IntegrationTests.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Uploads;

/// <summary>Uploads through the portal's API against the real radosgw: presigned PUT, multipart, abort, streamed fallback.</summary>
public sealed class UploadTests(UploadPortal portal) : IClassFixture<UploadPortal>
{
    private static readonly HttpClient Plain = new();

    [Fact]
    public async Task A_signed_put_stores_the_bytes_and_the_page_lets_the_browser_reach_the_storage()
    {
        using var client = await portal.SignedInAsync(portal.UseEmail);
        // The folder page lets the browser reach the storage (CSP), and carries no presigned URL.
        var (page, html) = await client.GetPageAsync($"/t/{portal.Tenant}/buckets/{portal.Files}/objects?prefix=docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var origin = new Uri(LocalPlatform.Current.S3Endpoint).GetLeftPart(UriPartial.Authority);
        Assert.Contains(origin, page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(html.QuerySelector("[data-testid=upload-button] button")!.HasAttribute("disabled"));
        Assert.DoesNotContain("X-Amz-Signature", html.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);

        var api = await UploadApi.OpenAsync(client, portal.Tenant, portal.Files);
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var signed = await api.OkAsync("/put", new { prefix = "docs/", path = "a b+%#?é.bin", size = bytes.Length, contentType = "application/x-test" });
        Assert.Equal("docs/a b+%#?é.bin", signed.GetProperty("key").GetString());
        using var put = new HttpRequestMessage(HttpMethod.Put, signed.GetProperty("url").GetString()) { Content = new ByteArrayContent(bytes) };
        foreach (var header in signed.GetProperty("headers").EnumerateObject())
        {
            put.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
        }
        using var stored = await Plain.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(bytes, await portal.ReadObjectAsync("docs/a b+%#?é.bin"));

        // An empty file is a file too.
        var empty = await api.OkAsync("/put", new { prefix = "docs/", path = "empty.txt", size = 0 });
        using var putEmpty = await Plain.PutAsync(empty.GetProperty("url").GetString(), new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.OK, putEmpty.StatusCode);
        Assert.Empty(await portal.ReadObjectAsync("docs/empty.txt"));
    }

    [Fact]
    public async Task A_multipart_upload_of_parts_sent_straight_to_the_storage_completes_with_equal_bytes()
    {
        using var client = await portal.SignedInAsync(portal.UseEmail);
        var api = await UploadApi.OpenAsync(client, portal.Tenant, portal.Files);
        var bytes = RandomNumberGenerator.GetBytes(20 * 1024 * 1024 + 3);
        var started = await api.OkAsync("/multipart", new { prefix = "big/", path = "photos/2024/large.bin", size = bytes.Length, contentType = "application/octet-stream" });
        var key = started.GetProperty("key").GetString()!;
        var uploadId = started.GetProperty("uploadId").GetString()!;
        var partSize = started.GetProperty("partSize").GetInt64();
        Assert.Equal("big/photos/2024/large.bin", key);
        Assert.Equal(16 * 1024 * 1024, partSize);
        Assert.Equal(2, started.GetProperty("partCount").GetInt32());

        var signed = await api.OkAsync("/multipart/parts", new { key, uploadId, parts = new[] { 1, 2 } });
        var parts = new List<object>();
        foreach (var part in signed.GetProperty("parts").EnumerateArray())
        {
            var number = part.GetProperty("partNumber").GetInt32();
            var offset = (int)((number - 1) * partSize);
            var length = (int)Math.Min(partSize, bytes.Length - offset);
            using var response = await Plain.PutAsync(part.GetProperty("url").GetString(), new ByteArrayContent(bytes, offset, length));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            parts.Add(new { partNumber = number, etag = response.Headers.ETag!.Tag });
        }
        var listed = await api.OkAsync("/multipart/list-parts", new { key, uploadId });
        Assert.Equal(2, listed.GetProperty("parts").GetArrayLength());

        var done = await api.OkAsync("/multipart/complete", new { key, uploadId, parts });
        Assert.Equal(key, done.GetProperty("key").GetString());
        Assert.Equal(bytes, await portal.ReadObjectAsync(key));
        Assert.Empty(await portal.UnfinishedAsync("big/"));
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_no_parts_and_an_unfinished_one_is_aborted_from_the_page_and_audited()
    {
        using var client = await portal.SignedInAsync(portal.UseEmail);
        var api = await UploadApi.OpenAsync(client, portal.Tenant, portal.Files);
        var part = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);

        async Task<(string Key, string UploadId)> StartWithOnePartAsync(string path)
        {
            var started = await api.OkAsync("/multipart", new { prefix = "cancel/", path, size = 100L * 1024 * 1024 });
            var (key, uploadId) = (started.GetProperty("key").GetString()!, started.GetProperty("uploadId").GetString()!);
            var signed = await api.OkAsync("/multipart/parts", new { key, uploadId, parts = new[] { 1 } });
            using var response = await Plain.PutAsync(signed.GetProperty("parts")[0].GetProperty("url").GetString(), new ByteArrayContent(part));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (key, uploadId);
        }

        var cancelled = await StartWithOnePartAsync("by-the-browser.bin");
        var (abortResponse, _) = await api.PostAsync("/multipart/abort", new { key = cancelled.Key, uploadId = cancelled.UploadId });
        Assert.Equal(HttpStatusCode.NoContent, abortResponse.StatusCode);
        Assert.Empty(await portal.UnfinishedAsync("cancel/"));

        var stale = await StartWithOnePartAsync("left behind.bin");
        var pageUrl = $"/t/{portal.Tenant}/buckets/{portal.Files}/uploads?prefix=cancel/";
        var (listResponse, list) = await client.GetPageAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=unfinished-upload]"));
        Assert.Contains("cancel/left behind.bin", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector("[data-testid=abort-upload]"));
        // The page's Abort button (after its confirmation) calls the service as the user.
        await portal.AsUserAsync(portal.Member(portal.UseEmail), async services =>
        {
            await services.GetRequiredService<IUploadService>().AbortAsync(portal.Tenant, portal.Files, stale.Key, stale.UploadId, CancellationToken.None);
            return 0;
        });
        Assert.Empty(await portal.UnfinishedAsync("cancel/"));
        var (_, after) = await client.GetPageAsync(pageUrl);
        Assert.NotNull(after.QuerySelector("[data-testid=no-unfinished-uploads]"));

        var target = $"{portal.Files}/{stale.Key}";
        var audit = await portal.AsSystemAsync(services => services.GetRequiredService<IPortalDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == portal.Tenant && e.Action == AuditActions.ObjectUploadAborted && e.Target == target).ToListAsync());
        Assert.Equal(portal.UseEmail, Assert.Single(audit).UserName);
    }

    [Fact]
    public async Task The_streamed_fallback_carries_a_body_larger_than_100_MiB_through_the_portal()
    {
        using var client = await portal.SignedInAsync(portal.UseEmail);
        var api = await UploadApi.OpenAsync(client, portal.Tenant, portal.Files);
        const long size = 110L * 1024 * 1024 + 7;
        using var request = new HttpRequestMessage(HttpMethod.Post, api.Url("/stream?prefix=streamed/&path=" + Uri.EscapeDataString("dir/big file.bin") + "&type=application/x-big"))
        {
            Content = new StreamContent(new PatternStream(size)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = size;
        request.Headers.Add("RequestVerificationToken", api.Token);
        using var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("streamed/dir/big file.bin", body.GetProperty("key").GetString());

        var stored = await portal.ReadObjectAsync("streamed/dir/big file.bin");
        Assert.Equal(size, stored.LongLength);
        var expected = new byte[size];
        Assert.Equal((int)size, new PatternStream(size).ReadAtLeast(expected, (int)size));
        Assert.True(expected.AsSpan().SequenceEqual(stored), "the stored bytes differ from the sent ones");
    }

    [Fact]
    public async Task Refusals_are_json_problems_in_plain_words()
    {
        using var client = await portal.SignedInAsync(portal.UseEmail);
        var api = await UploadApi.OpenAsync(client, portal.Tenant, portal.Files);

        var (badKey, badKeyBody) = await api.PostAsync("/put", new { prefix = "docs/", path = "../escape.txt", size = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Equal("application/problem+json", badKey.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'..'", badKeyBody.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (tooBig, tooBigBody) = await api.PostAsync("/multipart", new { path = "huge.bin", size = 6L * 1024 * 1024 * 1024 * 1024 });
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("5 TiB", tooBigBody.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (noJson, _) = await api.PostAsync("/multipart/parts", "not an object");
        Assert.Equal(HttpStatusCode.BadRequest, noJson.StatusCode);

        using var noToken = await client.PostAsync(api.Url("/put"), System.Net.Http.Json.JsonContent.Create(new { path = "a.txt", size = 1 }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var readOnly = new UploadApi(client, portal.Tenant, portal.ReadOnlyBucket, api.Token);
        var (refused, refusedBody) = await readOnly.PostAsync("/put", new { path = "a.txt", size = 1 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("only read-only users", refusedBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (prepare, prepareBody) = await readOnly.PostAsync("/prepare", new { }, client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Conflict, prepare.StatusCode);
        Assert.Contains("only read-only users", prepareBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (page, html) = await client.GetPageAsync($"/t/{portal.Tenant}/buckets/{portal.ReadOnlyBucket}/objects");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("only read-only users", html.QuerySelector("[data-testid=read-only-note]")?.TextContent, StringComparison.Ordinal);
        Assert.True(html.QuerySelector("[data-testid=upload-button] button")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Another_tenant_gets_404_and_a_viewer_403()
    {
        using var member = await portal.SignedInAsync(portal.UseEmail);
        var token = (await UploadApi.OpenAsync(member, portal.Tenant, portal.Files)).Token;
        using var other = await portal.SignedInAsync(portal.OtherEmail);
        using var viewer = await portal.SignedInAsync(portal.ViewEmail);
        foreach (var (client, expected) in new[] { (other, HttpStatusCode.NotFound), (viewer, HttpStatusCode.Forbidden) })
        {
            var api = new UploadApi(client, portal.Tenant, portal.Files, token);
            var (put, _) = await api.PostAsync("/put", new { path = "a.txt", size = 1 });
            Assert.Equal(expected, put.StatusCode);
            var (page, _) = await client.GetPageAsync($"/t/{portal.Tenant}/buckets/{portal.Files}/uploads");
            Assert.Equal(expected, page.StatusCode);
        }
    }

    [Fact]
    public async Task Before_a_direct_upload_the_portal_adds_its_origin_to_the_bucket_cors_and_keeps_the_other_rules()
    {
        // What production has: no rule for the portal (the provisioner writes none), maybe rules of the tenant's own.
        using var client = await portal.SignedInAsync(portal.UseEmail);
        var portalOrigin = client.BaseAddress!.GetLeftPart(UriPartial.Authority); // the page's own origin
        var objectUrl = $"{LocalPlatform.Current.S3Endpoint.TrimEnd('/')}/{portal.S3Bucket}/cors/probe.bin";
        var theirs = new Amazon.S3.Model.CORSRule { Id = "their site", AllowedOrigins = ["https://app.example.org"], AllowedMethods = ["GET"], AllowedHeaders = ["*"] };
        await portal.PutCorsAsync(theirs);
        using (var before = await PreflightAsync(objectUrl, portalOrigin))
        {
            Assert.False(before.Headers.Contains("Access-Control-Allow-Origin"), "the storage let the portal in before the portal asked");
        }

        var api = await UploadApi.OpenAsync(client, portal.Tenant, portal.Files);
        // A request from another site's page is refused in words.
        var (foreign, foreignBody) = await api.PostAsync("/prepare", new { }, "https://evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("Origin", foreignBody.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var route = await api.OkAsync("/prepare", new { }, portalOrigin);
        Assert.Equal("Direct", route.GetProperty("mode").GetString());
        Assert.Equal(LocalPlatform.Current.S3Endpoint.TrimEnd('/'), route.GetProperty("endpoint").GetString()!.TrimEnd('/'));
        var rules = await portal.CorsAsync();
        Assert.Equal(2, rules.Count);
        var kept = Assert.Single(rules, r => r.Id == "their site");
        Assert.Equal(["https://app.example.org"], kept.AllowedOrigins);
        var added = Assert.Single(rules, r => r.Id != "their site");
        Assert.Equal([portalOrigin], added.AllowedOrigins);
        Assert.Contains("PUT", added.AllowedMethods);
        Assert.Contains("ETag", added.ExposeHeaders, StringComparer.OrdinalIgnoreCase);
        var audit = await portal.AsSystemAsync(services => services.GetRequiredService<IPortalDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == portal.Tenant && e.Action == AuditActions.BucketCorsChanged).ToListAsync());
        Assert.Contains(portalOrigin, Assert.Single(audit).Detail, StringComparison.Ordinal);

        // Asked again, the portal finds its rule and changes nothing.
        Assert.Equal("Direct", (await api.OkAsync("/prepare", new { }, portalOrigin)).GetProperty("mode").GetString());
        Assert.Equal(2, (await portal.CorsAsync()).Count);
        Assert.Single(await portal.AsSystemAsync(services => services.GetRequiredService<IPortalDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == portal.Tenant && e.Action == AuditActions.BucketCorsChanged).ToListAsync()));

        // Now the storage answers the browser's preflight, and the presigned PUT lets the page read the ETag.
        using (var preflight = await PreflightAsync(objectUrl, portalOrigin))
        {
            Assert.Equal(HttpStatusCode.OK, preflight.StatusCode);
            Assert.Equal(portalOrigin, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains("PUT", string.Join(',', preflight.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        }
        var signed = await api.OkAsync("/put", new { prefix = "cors/", path = "probe.bin", size = 3 });
        using var put = new HttpRequestMessage(HttpMethod.Put, signed.GetProperty("url").GetString()) { Content = new ByteArrayContent([1, 2, 3]) };
        put.Headers.Add("Origin", portalOrigin);
        using var stored = await Plain.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.NotNull(stored.Headers.ETag);
        Assert.Contains("etag", string.Join(',', stored.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> PreflightAsync(string objectUrl, string origin)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, objectUrl);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        return Plain.SendAsync(preflight);
    }

    /// <summary>A deterministic read-only stream of <c>length</c> bytes (never held in memory whole).</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var p = _position + i;
                buffer[offset + i] = (byte)((p * 31) ^ (p >> 11));
            }
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
