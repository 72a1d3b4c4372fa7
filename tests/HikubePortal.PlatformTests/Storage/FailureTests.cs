using System.Net;
using System.Net.Sockets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Transport and credential failures become application errors with plain words and no secrets.</summary>
public sealed class FailureTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    private const string S3ErrorMapperMessage = "The storage cannot be reached right now; try again in a moment.";

    [Fact]
    public async Task Unreachable_storage_is_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var access = fx.ReadOnly with { Endpoint = new Uri($"http://127.0.0.1:{port}") };

        var error = await Assert.ThrowsAsync<UnavailableException>(() => fx.Storage.ListAsync(access, new ObjectListQuery(), default));

        Assert.DoesNotContain(access.SecretKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_lost_in_the_middle_of_paging_is_unavailable_and_the_page_link_still_works_after()
    {
        var prefix = StorageFixture.NewPrefix();
        await Parallel.ForEachAsync(Enumerable.Range(0, 120), async (i, token) => await fx.Uploads.UploadAsync(
            fx.ReadWrite, $"{prefix}f{i:D3}", new MemoryStream([1]), null, null, token));
        await using var forwarder = new TcpProxy(new Uri(LocalPlatform.Current.S3Endpoint));
        var access = fx.ReadOnly with { Endpoint = forwarder.Endpoint };
        var first = await fx.Storage.ListAsync(access, new ObjectListQuery(prefix, PageSize: 50), default);

        forwarder.Cut();
        var lost = await Assert.ThrowsAsync<UnavailableException>(() =>
            fx.Storage.ListAsync(access, new ObjectListQuery(prefix, PageSize: 50, PageToken: first.NextPageToken), default));
        forwarder.Restore();
        var second = await fx.Storage.ListAsync(access, new ObjectListQuery(prefix, PageSize: 50, PageToken: first.NextPageToken), default);

        Assert.Equal(S3ErrorMapperMessage, lost.Message);
        Assert.Equal($"{prefix}f050", second.Objects[0].Key);
    }

    [Fact]
    public async Task Wrong_secret_is_forbidden_and_a_missing_bucket_not_found()
    {
        var wrong = fx.ReadOnly with { SecretKey = "not-the-secret" };
        var missing = fx.ReadWrite with { BucketName = fx.Bucket + "-missing" };

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => fx.Storage.ListAsync(wrong, new ObjectListQuery(), default));
        await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.ListAsync(missing, new ObjectListQuery(), default));

        Assert.Contains("credentials", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_object_is_not_found_for_every_read()
    {
        var key = StorageFixture.NewPrefix() + "nothing";

        var errors = new[]
        {
            await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default)),
            await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.ReadPreviewAsync(fx.ReadOnly, key, 10, default)),
            await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default)),
        };

        Assert.All(errors, e => Assert.Equal("The object does not exist.", e.Message));
    }
}
