using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Paging a folder of a few thousand entries with continuation tokens, search and bad tokens.</summary>
public sealed class ListingTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Paging_returns_every_object_and_folder_exactly_once()
    {
        var prefix = StorageFixture.NewPrefix();
        var objects = Enumerable.Range(0, 2000).Select(i => $"{prefix}obj-{i:D5}").ToList();
        var folders = Enumerable.Range(0, 300).Select(i => $"{prefix}dir-{i:D3}/").ToList();
        await PutAllAsync(objects.Concat(folders.Select(f => f + "inside.txt")));

        var seenObjects = new List<string>();
        var seenFolders = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 100, PageToken: token), default);
            Assert.InRange(page.Objects.Count + page.Folders.Count, 0, 100); // radosgw may return fewer than asked
            seenObjects.AddRange(page.Objects.Select(o => o.Key));
            seenFolders.AddRange(page.Folders.Select(f => f.Prefix));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(objects, seenObjects.Order(StringComparer.Ordinal));
        Assert.Equal(folders, seenFolders.Order(StringComparer.Ordinal));
        Assert.InRange(pages, 23, 46);
    }

    [Fact]
    public async Task Search_lists_the_names_that_start_with_the_text_in_this_folder_only()
    {
        var prefix = StorageFixture.NewPrefix();
        await PutAllAsync([$"{prefix}report-2025.csv", $"{prefix}report-2026.csv", $"{prefix}readme.md", $"{prefix}reports/q1.csv",
            $"{prefix}sub/report-old.csv"]);

        var page = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix, Search: "report"), default);

        Assert.Equal(["report-2025.csv", "report-2026.csv"], page.Objects.Select(o => o.Name));
        Assert.Equal(["reports"], page.Folders.Select(f => f.Name));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task A_page_token_of_another_folder_or_search_is_refused()
    {
        var prefix = StorageFixture.NewPrefix();
        await PutAllAsync(Enumerable.Range(0, 60).Select(i => $"{prefix}f{i:D2}"));
        var first = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 50), default);
        Assert.NotNull(first.NextPageToken);

        var elsewhere = await Assert.ThrowsAsync<InvalidException>(() => fx.Storage.ListAsync(
            fx.ReadOnly, new ObjectListQuery(prefix + "other/", PageSize: 50, PageToken: first.NextPageToken), default));
        var searched = await Assert.ThrowsAsync<InvalidException>(() => fx.Storage.ListAsync(
            fx.ReadOnly, new ObjectListQuery(prefix, Search: "f", PageSize: 50, PageToken: first.NextPageToken), default));
        Assert.All([elsewhere, searched], e => Assert.Equal(["pageToken"], e.Errors.Keys));

        var second = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 100, PageToken: first.NextPageToken), default);
        Assert.Equal(10, second.Objects.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(1001)]
    public async Task Page_sizes_outside_the_offered_ones_are_refused(int size)
    {
        var error = await Assert.ThrowsAsync<InvalidException>(() => fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(PageSize: size), default));
        Assert.Equal(["pageSize"], error.Errors.Keys);
    }

    private Task PutAllAsync(IEnumerable<string> keys) =>
        Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, token) =>
            await fx.Admin.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = key, ContentBody = "x" }, token));
}
