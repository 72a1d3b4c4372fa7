using System.Diagnostics;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Storage;
using HikubePortal.Storage.Clients;
using HikubePortal.Storage.Listing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HikubePortal.UnitTests.Storage;

public sealed class FolderListerTests
{
    private static readonly BucketAccess Access = BucketAccess.FromCredentials("AK", "SK", "http://127.0.0.1:7480", null, "bucket-1", true);

    [Fact]
    public async Task A_page_is_exactly_one_list_request_shaped_from_the_query()
    {
        var response = new ListObjectsV2Response
        {
            IsTruncated = true,
            NextContinuationToken = "next-marker",
            CommonPrefixes = ["docs/sub/"],
            S3Objects =
            [
                new S3Object { Key = "docs/", Size = 0 },
                new S3Object { Key = "docs/a.txt", Size = 12, ETag = "\"abc\"", LastModified = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) },
            ],
        };
        var (lister, fake) = NewLister(response);
        var previous = PageToken.Encode("docs/", "previous-marker");

        var page = await lister.ListAsync(Access, new ObjectListQuery("docs", PageSize: 500, PageToken: previous), default);

        var call = Assert.Single(fake.Calls);
        var request = Assert.IsType<ListObjectsV2Request>(call.Args[0]);
        Assert.Equal(("bucket-1", "docs/", "/", 500, "previous-marker"),
            (request.BucketName, request.Prefix, request.Delimiter, request.MaxKeys, request.ContinuationToken));
        Assert.Equal([new FolderEntry("docs/sub/", "sub")], page.Folders);
        var entry = Assert.Single(page.Objects);
        Assert.Equal(("a.txt", 12L, "abc"), (entry.Name, entry.Size, entry.ETag));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), entry.LastModified);
        Assert.Equal("next-marker", PageToken.Decode(page.NextPageToken!, "docs/"));
    }

    [Fact]
    public async Task Search_narrows_the_prefix_and_the_last_page_has_no_token()
    {
        var (lister, fake) = NewLister(new ListObjectsV2Response { IsTruncated = false });

        var page = await lister.ListAsync(Access, new ObjectListQuery("docs/", Search: "rep"), default);

        Assert.Equal("docs/rep", Assert.IsType<ListObjectsV2Request>(Assert.Single(fake.Calls).Args[0]).Prefix);
        Assert.Null(page.NextPageToken);
        Assert.Equal(("docs/", "rep"), (page.Prefix, page.Search));
    }

    [Fact]
    public async Task An_invalid_query_makes_no_request()
    {
        var (lister, fake) = NewLister(new ListObjectsV2Response());

        await Assert.ThrowsAsync<InvalidException>(() => lister.ListAsync(Access, new ObjectListQuery(PageSize: 10), default));
        await Assert.ThrowsAsync<InvalidException>(() => lister.ListAsync(Access, new ObjectListQuery("a/", PageToken: "junk"), default));

        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task A_storage_that_never_answers_is_unavailable_in_words_at_the_read_deadline()
    {
        var settings = new ObjectStorageOptions { ReadTimeout = TimeSpan.FromMilliseconds(300) };
        var (lister, _) = NewLister((_, args) => HangAsync(args.OfType<CancellationToken>().Single()), settings);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<UnavailableException>(() => lister.ListAsync(Access, new ObjectListQuery(), default));

        Assert.Equal("The storage (S3) is not answering; try again in a moment.", error.Message);
        Assert.InRange(watch.Elapsed, settings.ReadTimeout, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_callers_own_cancel_stays_a_cancel()
    {
        var (lister, _) = NewLister((_, args) => HangAsync(args.OfType<CancellationToken>().Single()), new ObjectStorageOptions());
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lister.ListAsync(Access, new ObjectListQuery(), caller.Token));
    }

    /// <summary>A radosgw that accepts the request and never answers: it waits until the call's token is cancelled.</summary>
    private static async Task<ListObjectsV2Response> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    private static (FolderLister Lister, FakeS3 Fake) NewLister(ListObjectsV2Response response) =>
        NewLister((_, _) => Task.FromResult(response), new ObjectStorageOptions());

    private static (FolderLister Lister, FakeS3 Fake) NewLister(Func<string, object?[], object?> answer, ObjectStorageOptions settings)
    {
        var (client, fake) = FakeS3.Create(answer);
        var cache = new S3ClientCache(Options.Create(settings), TimeProvider.System, NullLogger<S3ClientCache>.Instance, _ => client);
        return (new FolderLister(new S3Executor(cache, Options.Create(settings), NullLogger<S3Executor>.Instance)), fake);
    }
}
