using HikubePortal.Application.Buckets;
using HikubePortal.Application.Objects;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>
/// The object browser's listing, faked: each list request is recorded and answered by <see cref="Answer"/> (a page, or a
/// failure it throws); the other use cases are not the listing's and are refused.
/// </summary>
internal sealed class ListingBrowser : RefusingObjectBrowser
{
    public List<ObjectListQuery> Queries { get; } = [];

    public Func<ObjectListQuery, ObjectFolder> Answer { get; set; } = query => Folder(query, 3, next: null);

    /// <summary>A folder page of <paramref name="count"/> objects <c>{prefix}file-N.txt</c>, writable, with a next page token or none.</summary>
    public static ObjectFolder Folder(ObjectListQuery query, int count, string? next) => new(
        new ObjectPage(query.Prefix, query.Search, query.PageSize, [],
            [.. Enumerable.Range(0, count).Select(i => new ObjectEntry($"{query.Prefix}file-{i}.txt", $"file-{i}.txt", 100 + i, null, $"e{i}", null))],
            next),
        CanWrite: true, new Uri("http://s3.portal.test"));

    public override Task<ObjectFolder> ListAsync(string tenant, string bucket, ObjectListQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(Answer(query));
    }
}

/// <summary>An object browser that refuses every use case; a fake overrides those its test needs.</summary>
internal abstract class RefusingObjectBrowser : IObjectBrowser
{
    public virtual Task<ObjectFolder> ListAsync(string tenant, string bucket, ObjectListQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<ObjectDetails> GetDetailsAsync(string tenant, string bucket, string key, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<ObjectPreview> ReadPreviewAsync(string tenant, string bucket, string key, int maxBytes, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<ObjectContent> OpenReadAsync(string tenant, string bucket, string key, ObjectByteRange? range, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<PresignedRequest?> DownloadLinkAsync(string tenant, string bucket, string key, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<Func<Stream, CancellationToken, Task<ZipSummary>>> PrepareZipAsync(string tenant, string bucket, ZipRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<PresignedRequest> ShareLinkAsync(string tenant, string bucket, string key, TimeSpan lifetime, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<string> CreateFolderAsync(string tenant, string bucket, string parentPrefix, string name, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<DeleteResult> DeleteAsync(string tenant, string bucket, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<StoredObject> MoveAsync(string tenant, string bucket, string sourceKey, string destinationKey, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task SetTagsAsync(string tenant, string bucket, string key, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<MoveResult> MoveManyAsync(string tenant, string bucket, IReadOnlyList<string> keys, IReadOnlyList<string> folders, string destinationFolder, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<BucketUsage> CountAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<BucketJobView> StartDeleteFoldersAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, BucketUsage? estimate, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<BucketJobView?> GetJobAsync(string tenant, string bucket, Guid id, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>The bucket's live state, faked: the page's subscription is kept so a test can say the bucket was deleted.</summary>
internal sealed class FakeObjectLiveUpdates : IObjectLiveUpdates
{
    public Action<BucketLiveState>? BucketChanged { get; private set; }

    public Task<IDisposable> WatchBucketAsync(string tenant, string bucket, Action<BucketLiveState> onChange, CancellationToken cancellationToken)
    {
        BucketChanged = onChange;
        return Task.FromResult<IDisposable>(new Unsubscribe(this));
    }

    public Task<IAsyncDisposable?> WatchJobAsync(string tenant, string bucket, Guid id, Action<BucketJobView> onChange, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);

    private sealed class Unsubscribe(FakeObjectLiveUpdates owner) : IDisposable
    {
        public void Dispose() => owner.BucketChanged = null;
    }
}
