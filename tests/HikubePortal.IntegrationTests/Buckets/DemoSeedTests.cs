using Amazon.S3.Model;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary><c>seed-demo</c> (what <c>deploy/local/up.sh</c> runs) leaves a Ready sample bucket with files in folders, idempotently.</summary>
public sealed class DemoSeedTests : IAsyncLifetime
{
    private readonly string _tenant = LocalPlatform.UniqueName("seed");
    private readonly string _email = $"{LocalPlatform.UniqueName("demo")}@example.com";
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("seed");

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await Cluster.DeleteNamespacesAsync(TenantNames.Namespace(_tenant));
    }

    [Fact]
    public async Task Seed_demo_makes_a_ready_sample_bucket_with_files_and_a_read_only_user()
    {
        var first = await PortalCommand.RunAsync(_database.ConnectionString, "seed-demo", "--email", _email, "--password", PortalFactory.Password, "--tenant", _tenant);
        var second = await PortalCommand.RunAsync(_database.ConnectionString, "seed-demo", "--email", _email, "--password", PortalFactory.Password, "--tenant", _tenant);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains($"bucket {DemoBucketSeeder.BucketName} created, 5 of 5 files uploaded", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains($"bucket {DemoBucketSeeder.BucketName} kept, 0 of 5 files uploaded", second.Output, StringComparison.Ordinal);

        var ns = TenantNames.Namespace(_tenant);
        var bucket = await Cluster.Admin.Buckets.GetAsync(ns, DemoBucketSeeder.BucketName, null, default);
        Assert.Equal(BucketPhase.Ready, bucket.State.Phase);
        Assert.False(bucket.Users["admin"].Readonly);
        Assert.True(bucket.Users["viewer"].Readonly);

        var viewer = await Cluster.Admin.GetSecretAsync(ns, BucketNames.CredentialsSecretName(DemoBucketSeeder.BucketName, "viewer"));
        using var s3 = S3Probe.Client(viewer.GetString("accessKey")!, viewer.GetString("secretKey")!);
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = viewer.GetString("bucketName") });
        var keys = listing.S3Objects.Select(o => o.Key).ToList();
        Assert.Equal(5, keys.Count);
        Assert.Contains("reports/2026/q1-summary.csv", keys);
        Assert.Contains(keys, k => k.StartsWith("images/", StringComparison.Ordinal));
    }
}
