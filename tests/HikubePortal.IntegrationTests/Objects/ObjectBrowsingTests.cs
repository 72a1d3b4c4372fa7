using System.Net;
using System.Text;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.IntegrationTests.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Objects;

/// <summary>Browsing a real bucket through the portal as a member with role use: paging, search, hard keys, downloads.</summary>
public sealed class ObjectBrowsingTests(ObjectPortal portal) : IClassFixture<ObjectPortal>
{
    [Fact]
    public async Task Pages_through_a_folder_forward_and_back_one_page_at_a_time()
    {
        var folder = LocalPlatform.UniqueName("many") + "/";
        var keys = Enumerable.Range(0, 120).Select(i => $"{folder}file-{i:D3}.txt").ToArray();
        await portal.PutAsync([.. keys.Select(k => (k, Encoding.UTF8.GetBytes(k)))]);
        await portal.PutAsync(($"{folder}sub/inner.txt", [1]));
        using var user = await portal.SignedInAsync(portal.UseEmail);

        var (first, page1) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, folder, "size=50"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Empty(page1.FolderPrefixes()); // "sub/" sorts after the files: it comes on the last page
        Assert.Equal(keys[..50], page1.RowKeys());
        Assert.Equal("Showing 1–50 of this folder", page1.QuerySelector("[data-testid=listing-range]")?.TextContent.Trim());

        var (_, page2) = await user.GetPageAsync(page1.QuerySelector("[data-testid=page-next]")!.GetAttribute("href")!);
        Assert.Equal(keys[50..100], page2.RowKeys());
        var (_, page3) = await user.GetPageAsync(page2.QuerySelector("[data-testid=page-next]")!.GetAttribute("href")!);
        Assert.Equal(keys[100..], page3.RowKeys());
        Assert.Equal([folder + "sub/"], page3.FolderPrefixes());
        Assert.True(page3.QuerySelector("[data-testid=page-next]")!.HasAttribute("disabled")); // the last page: Next leads nowhere
        Assert.Null(page3.QuerySelector("[data-testid=page-next]")!.GetAttribute("href"));
        Assert.Equal("Showing 101–121 of this folder", page3.QuerySelector("[data-testid=listing-range]")?.TextContent.Trim());

        var (_, back) = await user.GetPageAsync(page3.QuerySelector("[data-testid=page-previous]")!.GetAttribute("href")!);
        Assert.Equal(keys[50..100], back.RowKeys());
        var (_, start) = await user.GetPageAsync(back.QuerySelector("[data-testid=page-previous]")!.GetAttribute("href")!);
        Assert.Equal(keys[..50], start.RowKeys());

        // Sorting sorts this page only; search finds names by prefix on the server, within the folder.
        var (_, sorted) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, folder, "size=50&sort=name&dir=desc"));
        Assert.Equal(keys[..50].Reverse(), sorted.RowKeys());
        var (_, found) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, folder, "q=file-11"));
        Assert.Equal(keys[110..120], found.RowKeys());

        // The interactive page (after an upload, a move, a delete) lists the same page through the service, one page per call.
        var (firstPage, nextPage) = await portal.AsUserAsync(portal.Member(portal.UseEmail), async services =>
        {
            var browser = services.GetRequiredService<IObjectBrowser>();
            var one = await browser.ListAsync(portal.Tenant, portal.Files, new ObjectListQuery(folder, PageSize: 50), CancellationToken.None);
            return (one, await browser.ListAsync(portal.Tenant, portal.Files, new ObjectListQuery(folder, PageSize: 50, PageToken: one.Page.NextPageToken), CancellationToken.None));
        });
        Assert.True(firstPage.CanWrite);
        Assert.Equal(keys[..50], firstPage.Page.Objects.Select(o => o.Key));
        Assert.Equal(keys[50..100], nextPage.Page.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task Hard_keys_are_listed_shown_and_downloaded_byte_for_byte()
    {
        var root = LocalPlatform.UniqueName("hard") + "/";
        string[] names =
        [
            "with space.txt", "ünïcødé 文字.txt", "plus+sign.txt", "per%cent%41.txt", "hash#tag.txt", "question?mark.txt",
            "dots/../up.txt", "./here.txt", "/leading-slash.txt", "empty.bin", "marker/",
        ];
        var keys = names.Select(n => root + n).Append(root + new string('k', 1024 - root.Length - 4) + ".txt").Append("/" + root + "at-root.txt").ToList();
        var content = keys.ToDictionary(k => k, k => k.EndsWith("empty.bin", StringComparison.Ordinal) || k.EndsWith('/') ? [] : Encoding.UTF8.GetBytes("bytes of " + k));
        await portal.PutAsync([.. content.Select(c => (c.Key, c.Value))]);
        using var user = await portal.SignedInAsync(portal.UseEmail);

        foreach (var key in keys.Where(k => !k.EndsWith('/')))
        {
            var parent = HikubePortal.Application.Objects.ObjectKey.ParentOf(key);
            var (_, folder) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, parent, "size=1000"));
            Assert.Contains(key, folder.RowKeys());

            var (details, page) = await user.GetPageAsync(ObjectHttp.Details(portal.Tenant, portal.Files, key));
            Assert.Equal(HttpStatusCode.OK, details.StatusCode);
            Assert.Equal(key, page.QuerySelector("[data-testid=object-key]")?.TextContent);

            var (bytes, direct, first) = await user.DownloadAsync(ObjectHttp.With(portal.Tenant, portal.Files, "download", key));
            Assert.Equal(content[key], bytes);
            // Keys with '.' or '..' segments cannot travel in a URL path: they stream through the portal, saved under their name.
            Assert.Equal(!key.Contains("./", StringComparison.Ordinal), direct);
            if (!direct)
            {
                Assert.Contains("filename*=UTF-8''", first.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
            }
        }
        var (_, rootPage) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, root));
        Assert.Contains(root + "marker/", rootPage.FolderPrefixes());
        var (_, markerPage) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, root + "marker/"));
        Assert.Contains("This folder is empty", markerPage.QuerySelector("#object-listing")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previews_serve_only_allow_listed_types_and_honour_ranges()
    {
        var root = LocalPlatform.UniqueName("prev") + "/";
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        await portal.PutAsync((root + "dot.png", png), (root + "page.html", Encoding.UTF8.GetBytes("<script>alert(1)</script>")), (root + "data.json", Encoding.UTF8.GetBytes("{\"a\":1}")));
        using var user = await portal.SignedInAsync(portal.UseEmail);

        using var image = await user.GetAsync(ObjectHttp.With(portal.Tenant, portal.Files, "preview", root + "dot.png"));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, ObjectHttp.With(portal.Tenant, portal.Files, "preview", root + "dot.png"));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 9);
        using var ranged = await user.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(png[..10], await ranged.Content.ReadAsByteArrayAsync());

        using var html = await user.GetAsync(ObjectHttp.With(portal.Tenant, portal.Files, "preview", root + "page.html"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, html.StatusCode);
        Assert.NotEqual("text/html", html.Content.Headers.ContentType?.MediaType);

        var (_, details) = await user.GetPageAsync(ObjectHttp.Details(portal.Tenant, portal.Files, root + "page.html"));
        Assert.Equal("<script>alert(1)</script>", details.QuerySelector("[data-testid=text-preview]")?.TextContent);
        var (_, json) = await user.GetPageAsync(ObjectHttp.Details(portal.Tenant, portal.Files, root + "data.json"));
        Assert.Contains("\"a\": 1", json.QuerySelector("[data-testid=text-preview]")?.TextContent, StringComparison.Ordinal);
        // The prerendered details carry no presigned URL: previews go through the portal's route.
        Assert.DoesNotContain("X-Amz-", details.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(portal.FilesS3.SecretKey, details.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bucket_without_credentials_and_a_missing_object_are_explained()
    {
        var pending = LocalPlatform.UniqueName("pend");
        var bucket = Bucket.Create(portal.Namespace, pending);
        bucket.Metadata.Labels = new Dictionary<string, string> { ["hikube.cloud/provisioner"] = "none" };
        await Cluster.Admin.Buckets.CreateAsync(bucket, null, default);
        using var user = await portal.SignedInAsync(portal.UseEmail);

        var (waiting, waitingPage) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, pending));
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.Contains("no credentials issued yet", waitingPage.QuerySelector("#object-listing [role=alert]")?.TextContent, StringComparison.Ordinal);

        var (missing, page) = await user.GetPageAsync(ObjectHttp.Details(portal.Tenant, portal.Files, "no/such/object.txt"));
        // The folder exists, so the page does (200); its details panel says the object does not.
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("There is no object no/such/object.txt", page.QuerySelector("[data-testid=object-details]")?.TextContent, StringComparison.Ordinal);

        var (other, _) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, "no-such-bucket"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // This test host answers every 404 page with an empty body (an unknown URL too), so the words are checked at the service.
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => portal.AsUserAsync(portal.Member(portal.UseEmail), services =>
            services.GetRequiredService<IObjectBrowser>().ListAsync(portal.Tenant, "no-such-bucket", new ObjectListQuery(), CancellationToken.None)));
        Assert.Contains("no-such-bucket", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_direct_downloads_off_objects_stream_through_the_portal_with_ranges()
    {
        var key = LocalPlatform.UniqueName("stream") + "/naïve file.bin";
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i % 251)).ToArray();
        await portal.PutAsync((key, bytes));
        await using var streaming = portal.WithWebHostBuilder(builder => builder.UseSetting("ObjectBrowser:DirectDownloads", "false"));
        using var user = streaming.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signIn = await user.SignInAsync(portal.UseEmail, PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
        var url = ObjectHttp.With(portal.Tenant, portal.Files, "download", key);

        var (downloaded, direct, first) = await user.DownloadAsync(url);
        Assert.False(direct);
        Assert.Equal(bytes, downloaded);
        Assert.Equal("attachment", first.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("naïve file.bin", first.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100_000, null);
        using var rest = await user.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal("bytes 100000-299999/300000", rest.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[100_000..], await rest.Content.ReadAsByteArrayAsync());
    }
}
