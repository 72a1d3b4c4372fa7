using Amazon.S3.Model;
using HikubePortal.Provisioner.Radosgw;
using HikubePortal.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>The radosgw admin-API client (signed with the project's own SigV4) and bucket operations against the real radosgw.</summary>
public sealed class RadosgwClientsTests : IDisposable
{
    private readonly IOptions<RadosgwOptions> _options;
    private readonly HttpClient _http;
    private readonly RadosgwAdminClient _admin;
    private readonly RadosgwBuckets _buckets;

    public RadosgwClientsTests()
    {
        var platform = LocalPlatform.Current;
        _options = Options.Create(new RadosgwOptions
        {
            Endpoint = platform.S3Endpoint,
            AdminAccessKey = platform.RadosgwAdminAccessKey,
            AdminSecretKey = platform.RadosgwAdminSecretKey,
        });
        var retry = new RadosgwRetry(_options, TimeProvider.System);
        _http = new HttpClient(new SigV4SigningHandler(_options, TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = _options.Value.EndpointUri,
        };
        _admin = new RadosgwAdminClient(_http, retry, NullLogger<RadosgwAdminClient>.Instance);
        _buckets = new RadosgwBuckets(_options, retry);
    }

    [Fact]
    public async Task Users_and_keys_are_created_read_rotated_and_removed()
    {
        var uid = LocalPlatform.UniqueName("rgw-user") + "-a b+c";

        var created = await _admin.CreateUserAsync(uid, "test user é", CancellationToken.None);
        try
        {
            Assert.Equal(uid, created.UserId);
            Assert.Equal(-1, created.MaxBuckets);
            var first = Assert.Single(created.Keys);
            var keys = await _admin.CreateKeyAsync(uid, CancellationToken.None);
            Assert.Equal(2, keys.Count);
            var second = keys.Single(k => k.AccessKey != first.AccessKey);

            Assert.True(await _admin.RemoveKeyAsync(uid, first.AccessKey, CancellationToken.None));

            var read = await _admin.GetUserAsync(uid, CancellationToken.None);
            Assert.Equal([second.AccessKey], read!.Keys.Select(k => k.AccessKey));
        }
        finally
        {
            Assert.True(await _admin.RemoveUserAsync(uid, CancellationToken.None));
        }

        Assert.Null(await _admin.GetUserAsync(uid, CancellationToken.None));
        Assert.False(await _admin.RemoveUserAsync(uid, CancellationToken.None));
    }

    [Fact]
    public async Task A_bucket_is_created_idempotently_measured_and_removed_with_its_objects()
    {
        var bucket = LocalPlatform.UniqueName("rgw-bucket");
        var platform = LocalPlatform.Current;
        using var s3 = S3Clients.Create(new Uri(platform.S3Endpoint), platform.RadosgwAdminAccessKey, platform.RadosgwAdminSecretKey, "us-east-1", TimeSpan.FromSeconds(30));

        Assert.False(await _buckets.ExistsAsync(bucket, CancellationToken.None));
        await _buckets.CreateAsync(bucket, objectLock: false, CancellationToken.None);
        await _buckets.CreateAsync(bucket, objectLock: false, CancellationToken.None);
        Assert.True(await _buckets.ExistsAsync(bucket, CancellationToken.None));
        Assert.Null(await _buckets.GetPolicyAsync(bucket, CancellationToken.None));
        for (var i = 0; i < 3; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"o{i}", ContentBody = new string('x', 1000), UseChunkEncoding = false });
        }

        var stats = await _admin.GetBucketStatsAsync(bucket, CancellationToken.None);

        Assert.Equal((bucket, platform.RadosgwAdminAccessKey.Length > 0, 3L, 3000L), (stats!.Bucket, stats.Owner.Length > 0, stats.Objects, stats.SizeBytes));
        Assert.True(await _admin.RemoveBucketAsync(bucket, CancellationToken.None));
        Assert.False(await _buckets.ExistsAsync(bucket, CancellationToken.None));
        Assert.Null(await _admin.GetBucketStatsAsync(bucket, CancellationToken.None));
    }

    [Fact]
    public async Task Wrong_admin_keys_are_refused_as_forbidden_without_showing_the_secret()
    {
        var wrong = Options.Create(new RadosgwOptions
        {
            Endpoint = _options.Value.Endpoint,
            AdminAccessKey = _options.Value.AdminAccessKey,
            AdminSecretKey = "not-the-secret-0123456789",
        });
        using var http = new HttpClient(new SigV4SigningHandler(wrong, TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = wrong.Value.EndpointUri,
        };
        var admin = new RadosgwAdminClient(http, new RadosgwRetry(wrong, TimeProvider.System), NullLogger<RadosgwAdminClient>.Instance);

        var error = await Assert.ThrowsAsync<RadosgwException>(() => admin.GetUserAsync("anyone", CancellationToken.None));

        Assert.Equal(RadosgwErrorKind.Forbidden, error.Kind);
        Assert.Equal("SignatureDoesNotMatch", error.Code);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _buckets.Dispose();
        _http.Dispose();
    }
}
