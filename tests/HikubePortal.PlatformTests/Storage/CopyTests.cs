using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Copy and rename: single CopyObject, multipart copy (threshold lowered to 5 MiB here), conflicts.</summary>
public sealed class CopyTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Multipart_copy_keeps_bytes_type_and_metadata()
    {
        var storage = fx.CreateServices(new Dictionary<string, string?>
        {
            ["MultipartCopyThreshold"] = (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CopyPartSize"] = (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).GetRequiredService<IObjectStorage>();
        var prefix = StorageFixture.NewPrefix();
        var body = TestStreams.Bytes(12 * 1024 * 1024 + 5, seed: 7);
        using (var client = StorageFixture.NewClient(fx.ReadWrite))
        {
            var put = new PutObjectRequest { BucketName = fx.Bucket, Key = prefix + "source.bin", InputStream = new MemoryStream(body), ContentType = "video/mp4" };
            put.Metadata["origin"] = "camera-7";
            await client.PutObjectAsync(put);
        }

        var copied = await storage.CopyAsync(fx.ReadWrite, prefix + "source.bin", prefix + "copy.bin", overwrite: false, default);

        Assert.EndsWith("-3", copied.ETag, StringComparison.Ordinal); // 5 + 5 + 2 MiB parts
        var details = await storage.GetDetailsAsync(fx.ReadOnly, prefix + "copy.bin", default);
        Assert.Equal((body.Length, "video/mp4", "camera-7"), (details.Size, details.ContentType, details.Metadata["origin"]));
        await using var read = await storage.OpenReadAsync(fx.ReadOnly, prefix + "copy.bin", null, default);
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy);
        Assert.Equal(body, copy.ToArray());
        Assert.Empty((await fx.Uploads.ListMultipartUploadsAsync(fx.ReadOnly, prefix, default)).Uploads);
    }

    [Fact]
    public async Task Rename_moves_the_object_and_refuses_to_overwrite_unless_asked()
    {
        var prefix = StorageFixture.NewPrefix();
        await fx.Uploads.UploadAsync(fx.ReadWrite, prefix + "a.txt", new MemoryStream("A"u8.ToArray()), "text/plain", null, default);
        await fx.Uploads.UploadAsync(fx.ReadWrite, prefix + "b.txt", new MemoryStream("B"u8.ToArray()), "text/plain", null, default);

        await Assert.ThrowsAsync<ConflictException>(() => fx.Storage.MoveAsync(fx.ReadWrite, prefix + "a.txt", prefix + "b.txt", false, default));
        await Assert.ThrowsAsync<InvalidException>(() => fx.Storage.MoveAsync(fx.ReadWrite, prefix + "a.txt", prefix + "a.txt", true, default));
        await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.MoveAsync(fx.ReadWrite, prefix + "zz", prefix + "y", false, default));

        await fx.Storage.MoveAsync(fx.ReadWrite, prefix + "a.txt", prefix + "moved/a.txt", false, default);
        await fx.Storage.MoveAsync(fx.ReadWrite, prefix + "moved/a.txt", prefix + "b.txt", true, default);

        var page = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix), default);
        Assert.Equal(["b.txt"], page.Objects.Select(o => o.Name));
        var preview = await fx.Storage.ReadPreviewAsync(fx.ReadOnly, prefix + "b.txt", 10, default);
        Assert.Equal("A"u8.ToArray(), preview.Content);
    }
}
