using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Keys with '.' / '..' segments (made by other tools) and folder markers.</summary>
public sealed class SpecialKeyTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Theory]
    [InlineData("a/../b.txt")]
    [InlineData("./c.txt")]
    [InlineData("d/..")]
    public async Task Key_with_a_dot_segment_is_listed_read_copied_and_deleted_but_gets_no_link(string name)
    {
        var prefix = StorageFixture.NewPrefix();
        var key = prefix + name;
        using (var client = StorageFixture.NewClient(fx.ReadWrite))
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = key, ContentBody = "dots" });
        }

        var folder = ObjectKey.ParentOf(key);
        var page = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(folder), default);
        Assert.Contains(page.Objects, o => o.Key == key);
        Assert.Equal(4, (await fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default)).Size);

        await Assert.ThrowsAsync<InvalidException>(() => fx.Links.DownloadLinkAsync(fx.ReadOnly, key, null, default));
        await using (var read = await fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default))
        {
            Assert.Equal("dots", await new StreamReader(read.Content).ReadToEndAsync());
        }

        await fx.Storage.MoveAsync(fx.ReadWrite, key, prefix + "renamed.txt", overwrite: false, default);
        Assert.Equal(4, (await fx.Storage.GetDetailsAsync(fx.ReadOnly, prefix + "renamed.txt", default)).Size);
        await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default));
    }

    [Fact]
    public async Task The_portal_refuses_to_create_a_key_with_a_dot_segment()
    {
        var error = await Assert.ThrowsAsync<InvalidException>(() => fx.Uploads.PresignPutAsync(
            fx.ReadWrite, StorageFixture.NewPrefix() + "x/../y", null, default));
        Assert.Contains("key", error.Errors.Keys);
    }

    [Fact]
    public async Task Created_folder_is_a_marker_listed_as_a_folder_and_hidden_inside_itself()
    {
        var prefix = StorageFixture.NewPrefix();
        var folder = await fx.Storage.CreateFolderAsync(fx.ReadWrite, prefix, "new folder ✓", default);
        Assert.Equal(prefix + "new folder ✓/", folder);

        using (var client = StorageFixture.NewClient(fx.ReadWrite))
        {
            Assert.Equal(0, (await client.GetObjectMetadataAsync(fx.Bucket, folder)).ContentLength);
        }
        var parent = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix), default);
        Assert.Equal([new FolderEntry(folder, "new folder ✓")], parent.Folders);
        Assert.Empty(parent.Objects);
        var inside = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(folder), default);
        Assert.Empty(inside.Objects);
        Assert.Empty(inside.Folders);

        await Assert.ThrowsAsync<ConflictException>(() => fx.Storage.CreateFolderAsync(fx.ReadWrite, prefix, "new folder ✓", default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task Folder_names_that_are_not_one_segment_are_refused(string name)
    {
        await Assert.ThrowsAsync<InvalidException>(() => fx.Storage.CreateFolderAsync(fx.ReadWrite, StorageFixture.NewPrefix(), name, default));
    }
}
