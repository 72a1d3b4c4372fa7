using System.Net;
using System.Net.Sockets;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Transport and credential failures become application errors with plain words and no secrets.</summary>
public sealed class FailureTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Unreachable_storage_is_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var access = fx.ReadOnly with { Endpoint = new Uri($"http://127.0.0.1:{port}") };

        var error = await Assert.ThrowsAsync<ObjectStorageException>(() => fx.Storage.ListAsync(access, new ObjectListQuery(), default));

        Assert.Equal(ObjectStorageError.Unavailable, error.Error);
        Assert.DoesNotContain(access.SecretKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_secret_is_forbidden_and_a_missing_bucket_not_found()
    {
        var wrong = fx.ReadOnly with { SecretKey = "not-the-secret" };
        var missing = fx.ReadWrite with { BucketName = fx.Bucket + "-missing" };

        var refused = await Assert.ThrowsAsync<ObjectStorageException>(() => fx.Storage.ListAsync(wrong, new ObjectListQuery(), default));
        var absent = await Assert.ThrowsAsync<ObjectStorageException>(() => fx.Storage.ListAsync(missing, new ObjectListQuery(), default));

        Assert.Equal(ObjectStorageError.Forbidden, refused.Error);
        Assert.Contains("credentials", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ObjectStorageError.NotFound, absent.Error);
    }

    [Fact]
    public async Task A_missing_object_is_not_found_for_every_read()
    {
        var key = StorageFixture.NewPrefix() + "nothing";

        var errors = new[]
        {
            await Assert.ThrowsAsync<ObjectStorageException>(() => fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default)),
            await Assert.ThrowsAsync<ObjectStorageException>(() => fx.Storage.ReadPreviewAsync(fx.ReadOnly, key, 10, default)),
            await Assert.ThrowsAsync<ObjectStorageException>(() => fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default)),
        };

        Assert.All(errors, e => Assert.Equal(ObjectStorageError.NotFound, e.Error));
    }
}
