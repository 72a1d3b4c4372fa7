using System.Net;
using System.Text;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Hard keys go through every operation unchanged: put, list, head, presigned GET, copy, delete.</summary>
public sealed class KeyRoundTripTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    public static TheoryData<string> Names =>
    [
        "sp ace.txt", "ünïcödé 日本語 ✓.txt", "plus+sign.txt", "per%cent%20.txt", "hash#tag.txt", "ques?tion&a=b.txt",
        "dots..in..name", "..leading-dots", "sub folder/with+odd#?%chars.txt", "quote\"and'apostrophe.txt",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Key_round_trips(string name) => RoundTripAsync(StorageFixture.NewPrefix() + name, Encoding.UTF8.GetBytes("content of " + name));

    [Fact]
    public Task Key_with_a_leading_slash_round_trips() => RoundTripAsync("/" + StorageFixture.NewPrefix() + "lead.txt", [1, 2, 3]);

    [Fact]
    public Task Key_with_a_double_slash_round_trips() => RoundTripAsync(StorageFixture.NewPrefix() + "/double.txt", [4, 5]);

    [Fact]
    public Task Key_of_1024_bytes_round_trips()
    {
        var prefix = StorageFixture.NewPrefix();
        var key = prefix + new string('é', (ObjectKey.MaxBytes - prefix.Length) / 2);
        key += new string('k', ObjectKey.MaxBytes - Encoding.UTF8.GetByteCount(key));
        Assert.Equal(ObjectKey.MaxBytes, Encoding.UTF8.GetByteCount(key));
        return RoundTripAsync(key, [9]);
    }

    [Fact]
    public Task Empty_file_round_trips() => RoundTripAsync(StorageFixture.NewPrefix() + "empty.bin", []);

    [Fact]
    public async Task Key_of_1025_bytes_is_refused_before_any_request()
    {
        await Assert.ThrowsAsync<InvalidException>(() => fx.Uploads.UploadAsync(
            fx.ReadWrite, new string('k', ObjectKey.MaxBytes + 1), new MemoryStream([1]), null, null, default));
    }

    private async Task RoundTripAsync(string key, byte[] content)
    {
        var stored = await fx.Uploads.UploadAsync(fx.ReadWrite, key, new ForwardOnlyStream(new MemoryStream(content)), "text/plain", null, default);
        Assert.Equal(TestStreams.Md5Hex(content), stored.ETag);

        var folder = ObjectKey.ParentOf(key);
        var page = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(folder, ObjectKey.NameWithin(key, folder)), default);
        var listed = Assert.Single(page.Objects, o => o.Key == key);
        Assert.Equal(content.Length, listed.Size);
        Assert.Equal(ObjectKey.NameWithin(key, folder), listed.Name);

        var details = await fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default);
        Assert.Equal((content.Length, "text/plain", stored.ETag), (details.Size, details.ContentType, details.ETag));

        var link = await fx.Links.DownloadLinkAsync(fx.ReadOnly, key, null, default);
        using (var response = await fx.Http.GetAsync(link.Url))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(ObjectKey.NameWithin(key, folder), response.Content.Headers.ContentDisposition?.FileNameStar);
        }

        var copy = key[..^1] + "~";
        await fx.Storage.CopyAsync(fx.ReadWrite, key, copy, overwrite: false, default);
        await using (var read = await fx.Storage.OpenReadAsync(fx.ReadOnly, copy, null, default))
        {
            using var buffer = new MemoryStream();
            await read.Content.CopyToAsync(buffer);
            Assert.Equal(content, buffer.ToArray());
        }

        await fx.Storage.DeleteAsync(fx.ReadWrite, key, default);
        await fx.Storage.DeleteAsync(fx.ReadWrite, copy, default);
        await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default));
        var after = await fx.Admin.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fx.Bucket, Prefix = key });
        Assert.DoesNotContain(after.S3Objects ?? [], o => o.Key == key || o.Key == copy);
    }
}
