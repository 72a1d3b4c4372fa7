using System.Net;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Download and share links: expiry bounds, names, tampering, and radosgw refusing read-only uploads.</summary>
public sealed class LinkTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Theory]
    [InlineData(59)]
    [InlineData(7 * 24 * 3600 + 1)]
    public async Task Share_link_lifetime_outside_one_minute_to_seven_days_is_refused(int seconds)
    {
        var error = await Assert.ThrowsAsync<InvalidException>(() =>
            fx.Links.ShareLinkAsync(fx.ReadOnly, "any", TimeSpan.FromSeconds(seconds), default));
        Assert.Equal(["lifetime"], error.Errors.Keys);
    }

    [Fact]
    public async Task Seven_day_share_link_is_sigv4_and_works_without_any_session()
    {
        var key = await PutAsync("shared.txt", "shared");
        var link = await fx.Links.ShareLinkAsync(fx.ReadOnly, key, TimeSpan.FromDays(7), default);

        Assert.Contains("X-Amz-Expires=604800", link.Url, StringComparison.Ordinal);
        Assert.InRange(link.ExpiresAt, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));
        using var fresh = new HttpClient();
        Assert.Equal("shared", await fresh.GetStringAsync(link.Url));
    }

    [Fact]
    public async Task Download_link_names_the_file_for_the_browser()
    {
        var key = await PutAsync("résumé final.pdf", "pdf");
        var link = await fx.Links.DownloadLinkAsync(fx.ReadOnly, key, null, default);

        using var response = await fx.Http.GetAsync(link.Url);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("résumé final.pdf", disposition.FileNameStar);
        Assert.InRange(link.ExpiresAt, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(6));
    }

    [Fact]
    public async Task Tampered_links_are_refused_by_the_storage()
    {
        var key = await PutAsync("secret.txt", "secret");
        var other = await PutAsync("other.txt", "other");
        var url = (await fx.Links.ShareLinkAsync(fx.ReadOnly, key, TimeSpan.FromHours(1), default)).Url;

        var otherKey = url.Replace("secret.txt", "other.txt", StringComparison.Ordinal);
        var longer = Regex.Replace(url, "X-Amz-Expires=[0-9]+", "X-Amz-Expires=7200");
        var signature = url[..^1] + (url[^1] == '0' ? '1' : '0');
        foreach (var tampered in new[] { otherKey, longer, signature })
        {
            Assert.NotEqual(url, tampered);
            using var response = await fx.Http.GetAsync(tampered);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.NotNull(other);
    }

    [Fact]
    public async Task Radosgw_refuses_a_presigned_put_signed_with_read_only_keys()
    {
        var key = StorageFixture.NewPrefix() + "sneaky.txt";
        using var client = StorageFixture.NewClient(fx.ReadOnly);
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = fx.Bucket, Key = key, Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
        });

        using var response = await fx.Http.PutAsync(url, new StringContent("no"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default));
    }

    private async Task<string> PutAsync(string name, string content)
    {
        var key = StorageFixture.NewPrefix() + name;
        await fx.Uploads.UploadAsync(fx.ReadWrite, key, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), "text/plain", null, default);
        return key;
    }
}
