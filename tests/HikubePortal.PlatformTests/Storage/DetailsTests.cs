using Amazon.S3.Model;
using HikubePortal.Application.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Details (HEAD + tags), bounded previews and ranged reads.</summary>
public sealed class DetailsTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Details_show_type_metadata_and_tags()
    {
        var key = StorageFixture.NewPrefix() + "tagged.json";
        using (var client = StorageFixture.NewClient(fx.ReadWrite))
        {
            var put = new PutObjectRequest { BucketName = fx.Bucket, Key = key, ContentBody = "{}", ContentType = "application/json" };
            put.Metadata["owner"] = "team-a";
            put.TagSet = [new Tag { Key = "env", Value = "prod" }, new Tag { Key = "tier", Value = "gold" }];
            await client.PutObjectAsync(put);
        }

        var details = await fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default);

        Assert.Equal((2L, "application/json"), (details.Size, details.ContentType));
        Assert.Equal("team-a", details.Metadata["owner"]);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "gold" }, details.Tags);
        Assert.NotNull(details.LastModified);
        Assert.Equal(32, details.ETag?.Length);
    }

    [Fact]
    public async Task Preview_reads_only_the_first_bytes_and_says_when_there_is_more()
    {
        var prefix = StorageFixture.NewPrefix();
        var body = TestStreams.Bytes(100_000);
        await fx.Uploads.UploadAsync(fx.ReadWrite, prefix + "big.bin", new MemoryStream(body), null, null, default);
        await fx.Uploads.UploadAsync(fx.ReadWrite, prefix + "empty.txt", new MemoryStream(), "text/plain", null, default);
        await fx.Uploads.UploadAsync(fx.ReadWrite, prefix + "small.txt", new MemoryStream("tiny"u8.ToArray()), "text/plain", null, default);

        var big = await fx.Storage.ReadPreviewAsync(fx.ReadOnly, prefix + "big.bin", 4096, default);
        var empty = await fx.Storage.ReadPreviewAsync(fx.ReadOnly, prefix + "empty.txt", 4096, default);
        var small = await fx.Storage.ReadPreviewAsync(fx.ReadOnly, prefix + "small.txt", 4096, default);

        Assert.Equal(body[..4096], big.Content);
        Assert.Equal((100_000L, true), (big.TotalSize, big.Truncated));
        Assert.Equal((0, 0L, false, "text/plain"), (empty.Content.Length, empty.TotalSize, empty.Truncated, empty.ContentType));
        Assert.Equal("tiny"u8.ToArray(), small.Content);
        Assert.Equal((4L, false), (small.TotalSize, small.Truncated));
    }

    [Fact]
    public async Task A_proxied_download_read_slower_than_the_request_timeout_still_completes()
    {
        var storage = fx.CreateServices(new Dictionary<string, string?> { ["RequestTimeout"] = "00:00:02" })
            .GetRequiredService<IObjectStorage>();
        var key = StorageFixture.NewPrefix() + "slow.bin";
        var body = TestStreams.Bytes(8 * 1024 * 1024);
        await fx.Uploads.UploadAsync(fx.ReadWrite, key, new MemoryStream(body), null, null, default);

        await using var read = await storage.OpenReadAsync(fx.ReadOnly, key, null, default);
        using var copy = new MemoryStream();
        var chunk = new byte[256 * 1024];
        int n;
        while ((n = await read.Content.ReadAsync(chunk)) > 0)
        {
            await copy.WriteAsync(chunk.AsMemory(0, n));
            await Task.Delay(150); // a slow client: 32 chunks, well past the 2 s request timeout
        }

        Assert.Equal(body, copy.ToArray());
    }

    [Fact]
    public async Task Ranged_read_streams_the_range_with_its_content_range()
    {
        var key = StorageFixture.NewPrefix() + "range.bin";
        var body = TestStreams.Bytes(10_000);
        await fx.Uploads.UploadAsync(fx.ReadWrite, key, new MemoryStream(body), null, null, default);

        await using var read = await fx.Storage.OpenReadAsync(fx.ReadOnly, key, new ObjectByteRange(9_000), default);
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy);

        Assert.Equal(body[9_000..], copy.ToArray());
        Assert.Equal((1_000L, "bytes 9000-9999/10000"), (read.Length, read.ContentRange));
    }
}
