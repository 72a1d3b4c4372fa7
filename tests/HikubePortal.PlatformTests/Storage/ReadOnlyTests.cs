using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Read-only credentials read everything and are refused every write before a request is made.</summary>
public sealed class ReadOnlyTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    public static TheoryData<string> Writes => ["upload", "presign-put", "start-multipart", "presign-parts", "complete", "abort",
        "folder", "delete", "delete-many", "delete-prefix", "copy", "move"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Writes_with_read_only_credentials_are_refused_with_a_clear_message(string write)
    {
        var prefix = StorageFixture.NewPrefix();
        var key = prefix + "file.txt";
        await fx.Uploads.UploadAsync(fx.ReadWrite, key, new MemoryStream([1, 2, 3]), null, null, default);
        var ro = fx.ReadOnly;

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => write switch
        {
            "upload" => fx.Uploads.UploadAsync(ro, prefix + "new", new MemoryStream([1]), null, null, default),
            "presign-put" => fx.Uploads.PresignPutAsync(ro, prefix + "new", null, default),
            "start-multipart" => fx.Uploads.StartMultipartAsync(ro, prefix + "new", 100, null, default),
            "presign-parts" => fx.Uploads.PresignPartsAsync(ro, prefix + "new", "upload-id", [1], default),
            "complete" => fx.Uploads.CompleteMultipartAsync(ro, prefix + "new", "upload-id", [new CompletedPart(1, "e")], default),
            "abort" => fx.Uploads.AbortMultipartAsync(ro, prefix + "new", "upload-id", default),
            "folder" => fx.Storage.CreateFolderAsync(ro, prefix, "folder", default),
            "delete" => fx.Storage.DeleteAsync(ro, key, default),
            "delete-many" => fx.Storage.DeleteManyAsync(ro, [key], default),
            "delete-prefix" => fx.Storage.DeletePrefixAsync(ro, prefix, null, default),
            "copy" => fx.Storage.CopyAsync(ro, key, prefix + "copy", false, default),
            "move" => fx.Storage.MoveAsync(ro, key, prefix + "moved", false, default),
            _ => throw new ArgumentOutOfRangeException(nameof(write)),
        });

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        var page = await fx.Storage.ListAsync(ro, new ObjectListQuery(prefix), default);
        Assert.Equal([key], page.Objects.Select(o => o.Key));
        Assert.Empty(page.Folders);
    }

    [Fact]
    public async Task Read_only_credentials_list_read_and_preview()
    {
        var prefix = StorageFixture.NewPrefix();
        await fx.Uploads.UploadAsync(fx.ReadWrite, prefix + "a.txt", new MemoryStream("hello world"u8.ToArray()), "text/plain", null, default);

        var page = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix), default);
        var preview = await fx.Storage.ReadPreviewAsync(fx.ReadOnly, prefix + "a.txt", 5, default);

        Assert.Single(page.Objects);
        Assert.Equal("hello"u8.ToArray(), preview.Content);
        Assert.Equal((11L, true, "text/plain"), (preview.TotalSize, preview.Truncated, preview.ContentType));
    }
}
