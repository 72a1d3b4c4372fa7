using Amazon.S3;
using HikubePortal.Application.Objects;
using HikubePortal.Storage;
using HikubePortal.Storage.Clients;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HikubePortal.UnitTests.Storage;

public sealed class S3ClientCacheTests
{
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<FakeS3> _created = [];

    [Fact]
    public void The_same_credential_shares_one_client_and_another_secret_gets_its_own()
    {
        using var cache = NewCache(capacity: 10);

        var first = Use(cache, Access("a"));
        var again = Use(cache, Access("a"));
        var rotated = Use(cache, Access("a") with { SecretKey = "rotated" });

        Assert.Same(first, again);
        Assert.NotSame(first, rotated);
        Assert.Equal(2, _created.Count);
    }

    [Fact]
    public void Beyond_capacity_the_least_recently_used_client_is_disposed()
    {
        using var cache = NewCache(capacity: 2);
        Use(cache, Access("a"));
        Use(cache, Access("b"));
        _time.Now += TimeSpan.FromSeconds(1);
        Use(cache, Access("a"));
        _time.Now += TimeSpan.FromSeconds(1);

        Use(cache, Access("c"));

        Assert.Equal(2, cache.Count);
        Assert.Equal([0, 1, 0], _created.Select(c => c.Disposed));
    }

    [Fact]
    public void An_idle_client_expires_and_is_disposed()
    {
        using var cache = NewCache(capacity: 10);
        Use(cache, Access("a"));
        _time.Now += TimeSpan.FromMinutes(11);

        Use(cache, Access("b"));

        Assert.Equal(1, cache.Count);
        Assert.Equal(1, _created[0].Disposed);
    }

    [Fact]
    public void A_leased_client_is_disposed_only_when_its_lease_ends()
    {
        using var cache = NewCache(capacity: 1);
        var lease = cache.Rent(Access("a"));
        Use(cache, Access("b"));
        _time.Now += TimeSpan.FromHours(1);
        Use(cache, Access("c"));

        Assert.Equal(0, _created[0].Disposed);
        lease.Dispose();
        lease.Dispose();
        Assert.Equal(1, _created[0].Disposed);
    }

    [Fact]
    public void Disposing_the_cache_disposes_every_client_and_refuses_new_rents()
    {
        var cache = NewCache(capacity: 10);
        Use(cache, Access("a"));
        var leased = cache.Rent(Access("b"));

        cache.Dispose();

        Assert.Equal([1, 0], _created.Select(c => c.Disposed));
        leased.Dispose();
        Assert.Equal([1, 1], _created.Select(c => c.Disposed));
        Assert.Throws<ObjectDisposedException>(() => cache.Rent(Access("a")));
    }

    [Fact]
    public void The_cache_key_holds_no_key_material()
    {
        var id = CredentialId.Of(Access("AKIAEXAMPLE") with { SecretKey = "VERY-SECRET" });

        Assert.Equal(64, id.Value.Length);
        Assert.DoesNotContain("VERY-SECRET", id.Value, StringComparison.Ordinal);
        Assert.Equal(12, id.ToString().Length);
    }

    private S3ClientCache NewCache(int capacity) => new(
        Options.Create(new ObjectStorageOptions { ClientCacheSize = capacity, ClientIdleTimeout = TimeSpan.FromMinutes(10) }),
        _time,
        NullLogger<S3ClientCache>.Instance,
        _ =>
        {
            var (client, fake) = FakeS3.Create();
            _created.Add(fake);
            return client;
        });

    private static IAmazonS3 Use(S3ClientCache cache, BucketAccess access)
    {
        using var lease = cache.Rent(access);
        return lease.Client;
    }

    private static BucketAccess Access(string accessKey) =>
        BucketAccess.FromCredentials(accessKey, "secret", "http://127.0.0.1:7480", null, "bucket", false);
}
