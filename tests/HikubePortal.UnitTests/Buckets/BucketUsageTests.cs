using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.UnitTests.Buckets;

public sealed class BucketUsageTests
{
    private static readonly BucketAccess Access = new("AK", "SK", new Uri("http://s3.test"), "us-east-1", "bucket-1", ReadOnly: true);

    [Fact]
    public async Task Counts_objects_and_bytes_in_every_folder()
    {
        var storage = new FolderStorage(new()
        {
            [""] = [Page(["a/", "b/"], ("top.txt", 10))],
            ["a/"] = [Page(["a/deep/"], ("a/1", 100), ("a/2", 200))],
            ["a/deep/"] = [Page([], ("a/deep/x", 1))],
            ["b/"] = [Page([]) ],
        });

        var usage = await BucketUsageService.MeasureAsync(storage, Access, 1000, CancellationToken.None);

        Assert.Equal(new BucketUsage(4, 311, 3, Complete: true), usage);
        Assert.False(usage.IsEmpty);
    }

    [Fact]
    public async Task Follows_page_tokens()
    {
        var storage = new FolderStorage(new() { [""] = [Page([], ("1", 1)) with { NextPageToken = "t2" }, Page([], ("2", 2))] });

        var usage = await BucketUsageService.MeasureAsync(storage, Access, 1000, CancellationToken.None);

        Assert.Equal(2, usage.Objects);
        Assert.Equal(2, storage.Requests);
    }

    [Fact]
    public async Task Stops_past_the_cap_and_says_so()
    {
        var many = Enumerable.Range(0, 1000).Select(i => ($"k{i}", 5L)).ToArray();
        var storage = new FolderStorage(new() { [""] = [Page([], many) with { NextPageToken = "more" }, Page([], many) with { NextPageToken = "more" }, Page([], many)] });

        var usage = await BucketUsageService.MeasureAsync(storage, Access, 1500, CancellationToken.None);

        Assert.False(usage.Complete);
        Assert.Equal(2000, usage.Objects);
        Assert.Equal(2, storage.Requests);
    }

    [Fact]
    public async Task An_empty_bucket_is_empty_but_one_with_only_folders_is_not()
    {
        var empty = await BucketUsageService.MeasureAsync(new FolderStorage(new() { [""] = [Page([])] }), Access, 10, CancellationToken.None);
        var folders = await BucketUsageService.MeasureAsync(new FolderStorage(new() { [""] = [Page(["f/"])], ["f/"] = [Page([])] }), Access, 10, CancellationToken.None);

        Assert.True(empty.IsEmpty);
        Assert.False(folders.IsEmpty);
    }

    [Fact]
    public async Task Storage_failures_become_words()
    {
        var error = await Assert.ThrowsAsync<UnavailableException>(() =>
            BucketUsageService.MeasureAsync(new FolderStorage([]), Access, 10, CancellationToken.None));

        Assert.Contains("could not be counted", error.Message, StringComparison.Ordinal);
    }

    private static ObjectPage Page(string[] folders, params (string Key, long Size)[] objects) =>
        new("", null, 1000, [.. folders.Select(f => new FolderEntry(f, f))], [.. objects.Select(o => new ObjectEntry(o.Key, o.Key, o.Size, null, null, null))], null);

    /// <summary>Answers the pages of each folder in order (one per request).</summary>
    private sealed class FolderStorage(Dictionary<string, List<ObjectPage>> folders) : IObjectStorage
    {
        private readonly Dictionary<string, int> _served = [];

        public int Requests { get; private set; }

        public Task<ObjectPage> ListAsync(BucketAccess access, ObjectListQuery query, CancellationToken cancellationToken)
        {
            Requests++;
            if (!folders.TryGetValue(query.Prefix, out var pages))
            {
                throw new UnavailableException("The storage cannot be reached right now.");
            }
            var index = _served.GetValueOrDefault(query.Prefix);
            _served[query.Prefix] = index + 1;
            Assert.Equal(index == 0 ? null : pages[index - 1].NextPageToken, query.PageToken);
            return Task.FromResult(pages[index]);
        }

        public Task<ObjectDetails> GetDetailsAsync(BucketAccess access, string key, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ObjectPreview> ReadPreviewAsync(BucketAccess access, string key, int maxBytes, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ObjectContent> OpenReadAsync(BucketAccess access, string key, ObjectByteRange? range, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string> CreateFolderAsync(BucketAccess access, string parentPrefix, string name, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DeleteAsync(BucketAccess access, string key, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DeleteResult> DeleteManyAsync(BucketAccess access, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DeleteResult> DeletePrefixAsync(BucketAccess access, string prefix, IProgress<DeleteProgress>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<StoredObject> CopyAsync(BucketAccess access, string sourceKey, string destinationKey, bool overwrite, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<StoredObject> MoveAsync(BucketAccess access, string sourceKey, string destinationKey, bool overwrite, CancellationToken cancellationToken) => throw new NotSupportedException();
        public IAsyncEnumerable<string> EnumerateKeysAsync(BucketAccess access, string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task SetTagsAsync(BucketAccess access, string key, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<CorsRule>> GetCorsAsync(BucketAccess access, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task PutCorsAsync(BucketAccess access, IReadOnlyList<CorsRule> rules, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
