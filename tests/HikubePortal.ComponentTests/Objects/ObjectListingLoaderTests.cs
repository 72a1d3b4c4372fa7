using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Web.Components.Pages.Objects;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>What the folder page answers when listing fails: words and a status, never an exception page.</summary>
public sealed class ObjectListingLoaderTests
{
    public static TheoryData<PortalException, int, string> Failures => new()
    {
        { new UnavailableException("radosgw did not answer (connection refused)."), 503, "cannot be listed right now: radosgw did not answer" },
        { new ConflictException(ObjectAccessResolver.NotIssued("backups")), 200, "no credentials issued yet" },
        { InvalidException.For("pageToken", "This page link does not belong to this folder any more; start again from the first page."), 400, "start again from the first page" },
        { new NotFoundException("Bucket backups does not exist in tenant-acme."), 404, "does not exist" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Failures_become_words_and_a_status(PortalException failure, int status, string words)
    {
        var result = await ObjectListingLoader.LoadAsync(new FailingBrowser(failure), "acme", "backups", new ObjectBrowserQuery(), CancellationToken.None);

        Assert.Null(result.Folder);
        Assert.Equal(status, result.Status);
        Assert.Contains(words, result.Error, StringComparison.Ordinal);
    }

    /// <summary>An object browser whose listing fails; nothing else is called.</summary>
    private sealed class FailingBrowser(PortalException failure) : IObjectBrowser
    {
        public Task<ObjectFolder> ListAsync(string tenant, string bucket, ObjectListQuery query, CancellationToken cancellationToken) => throw failure;

        public Task<ObjectDetails> GetDetailsAsync(string tenant, string bucket, string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ObjectPreview> ReadPreviewAsync(string tenant, string bucket, string key, int maxBytes, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ObjectContent> OpenReadAsync(string tenant, string bucket, string key, ObjectByteRange? range, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PresignedRequest?> DownloadLinkAsync(string tenant, string bucket, string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Func<Stream, CancellationToken, Task<ZipSummary>>> PrepareZipAsync(string tenant, string bucket, ZipRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PresignedRequest> ShareLinkAsync(string tenant, string bucket, string key, TimeSpan lifetime, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string> CreateFolderAsync(string tenant, string bucket, string parentPrefix, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DeleteResult> DeleteAsync(string tenant, string bucket, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoredObject> MoveAsync(string tenant, string bucket, string sourceKey, string destinationKey, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<BucketUsage> CountAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<BucketJobView> StartDeleteFoldersAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, BucketUsage? estimate, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<BucketJobView?> GetJobAsync(string tenant, string bucket, Guid id, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
