using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using LifecycleRule = HikubePortal.Application.Versions.LifecycleRule;
using k8s;
using k8s.Models;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>
/// Versioning, versions, lifecycle rules and tenant usage through the application services, as each role's circuit
/// calls them, against the real apiserver, radosgw and PostgreSQL: who may do what, what the storage then holds
/// (checked with S3 behind the portal's back), the audit entries, and the change told to an open page.
/// </summary>
public sealed class BucketDataTests(BucketPortal portal) : IClassFixture<BucketPortal>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _bucket = LocalPlatform.UniqueName("ver");
    private string _s3Bucket = "";
    private (string AccessKey, string SecretKey) _keys;

    public async Task InitializeAsync()
    {
        await portal.CreateBucketAsync(_bucket, ("admin", false), ("reader", true));
        await portal.WaitForPhaseAsync(_bucket, BucketPhase.Ready);
        _keys = await BucketHttp.WaitForCredentialsAsync(portal.Namespace, _bucket, "admin");
        await BucketHttp.WaitForCredentialsAsync(portal.Namespace, _bucket, "reader");
        _s3Bucket = (await Cluster.Admin.GetSecretAsync(portal.Namespace, BucketNames.CredentialsSecretName(_bucket, "admin"))).GetString("bucketName")!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Only_admins_read_and_change_versioning_and_lifecycle_and_each_change_is_audited_and_told()
    {
        foreach (var email in new[] { portal.ViewEmail, portal.UseEmail })
        {
            await portal.AsMemberAsync(email, async services =>
            {
                var data = services.GetRequiredService<IBucketDataService>();
                await Assert.ThrowsAsync<ForbiddenException>(() => data.GetAsync(portal.Tenant, _bucket, None));
                await Assert.ThrowsAsync<ForbiddenException>(() => data.SetVersioningAsync(portal.Tenant, _bucket, VersioningState.Enabled, None));
                await Assert.ThrowsAsync<ForbiddenException>(() => data.SaveLifecycleAsync(portal.Tenant, _bucket, [new LifecycleRule("x", ExpireCurrentAfterDays: 1)], None));
            });
        }
        var told = new List<BucketDataChange>();
        using var watch = await portal.AsMemberAsync(portal.UseEmail, services =>
            services.GetRequiredService<IBucketDataService>().WatchAsync(portal.Tenant, _bucket, c => { lock (told) { told.Add(c); } }, None));

        var settings = await portal.AsMemberAsync(portal.AdminEmail, async services =>
        {
            var data = services.GetRequiredService<IBucketDataService>();
            Assert.Equal(VersioningState.Off, (await data.GetAsync(portal.Tenant, _bucket, None)).Versioning);
            await Assert.ThrowsAsync<InvalidException>(() => data.SetVersioningAsync(portal.Tenant, _bucket, VersioningState.Off, None));
            await data.SetVersioningAsync(portal.Tenant, _bucket, VersioningState.Enabled, None);
            await data.SaveLifecycleAsync(portal.Tenant, _bucket,
                [new LifecycleRule("old-versions", ExpireNoncurrentAfterDays: 30), new LifecycleRule("uploads", Prefix: "tmp/", AbortIncompleteUploadsAfterDays: 2)], None);
            var refused = await Assert.ThrowsAsync<InvalidException>(() => data.SaveLifecycleAsync(portal.Tenant, _bucket, [new LifecycleRule("nothing")], None));
            Assert.Contains("does nothing", refused.Message, StringComparison.Ordinal);
            // radosgw 16 accepts "keep the newest K" and drops it: the save is undone and said; a storage that keeps it keeps it.
            try
            {
                await data.SaveLifecycleAsync(portal.Tenant, _bucket, [new LifecycleRule("old-versions", ExpireNoncurrentAfterDays: 30, KeepNewestNoncurrent: 3)], None);
                Assert.Equal(3, Assert.Single((await data.GetAsync(portal.Tenant, _bucket, None)).Lifecycle!.Rules).KeepNewestNoncurrent);
                await data.SaveLifecycleAsync(portal.Tenant, _bucket,
                    [new LifecycleRule("old-versions", ExpireNoncurrentAfterDays: 30), new LifecycleRule("uploads", Prefix: "tmp/", AbortIncompleteUploadsAfterDays: 2)], None);
            }
            catch (InvalidException dropped)
            {
                Assert.Contains("does not keep the newest older versions", dropped.Message, StringComparison.Ordinal);
            }
            return await data.GetAsync(portal.Tenant, _bucket, None);
        });

        Assert.Equal((VersioningState.Enabled, null, null), (settings.Versioning, settings.VersioningProblem, settings.LifecycleProblem));
        Assert.Equal(["old-versions", "uploads"], settings.Lifecycle!.Rules.Select(r => r.Id));
        using var s3 = S3Probe.Client(_keys.AccessKey, _keys.SecretKey);
        Assert.Equal("Enabled", (await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = _s3Bucket })).VersioningConfig.Status.Value);
        Assert.Equal(2, (await s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = _s3Bucket })).Configuration.Rules.Count);
        lock (told)
        {
            Assert.Equal([BucketDataChange.Versioning, BucketDataChange.Lifecycle], told);
        }
        var entries = await portal.AsMemberAsync(portal.AdminEmail, services =>
            services.GetRequiredService<IAuditQueryService>().QueryTenantAsync(portal.Tenant, new AuditQuery(PageSize: 200), None));
        Assert.Contains(entries.Items, e => e.Action == AuditActions.BucketVersioningChanged && e.Target == _bucket && e.Detail == "versioning turned on");
        Assert.Contains(entries.Items, e => e.Action == AuditActions.BucketLifecycleChanged && e.Target == _bucket && e.Detail == "2 rules: old-versions, uploads");
    }

    [Fact]
    public async Task A_developer_lists_restores_deletes_and_brings_back_versions_and_a_viewer_may_not()
    {
        using var s3 = S3Probe.Client(_keys.AccessKey, _keys.SecretKey);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = _s3Bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _s3Bucket, Key = "docs/a.txt", ContentBody = "first" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _s3Bucket, Key = "docs/a.txt", ContentBody = "second!" });

        await portal.AsMemberAsync(portal.ViewEmail, async services =>
            await Assert.ThrowsAsync<ForbiddenException>(() => services.GetRequiredService<IObjectVersions>().ListObjectAsync(portal.Tenant, _bucket, "docs/a.txt", None)));

        await portal.AsMemberAsync(portal.UseEmail, async services =>
        {
            var versions = services.GetRequiredService<IObjectVersions>();
            var listed = await versions.ListObjectAsync(portal.Tenant, _bucket, "docs/a.txt", None);
            Assert.Equal([(true, 7L), (false, 5L)], listed.Select(v => (v.IsLatest, v.Size)));
            var folder = await versions.ListAsync(portal.Tenant, _bucket, new ObjectListQuery("docs/"), None);
            Assert.Equal(2, folder.Page.Versions.Count);
            Assert.True(folder.CanWrite);

            await versions.RestoreAsync(portal.Tenant, _bucket, "docs/a.txt", listed[1].VersionId, None);
            await using (var content = await versions.OpenReadAsync(portal.Tenant, _bucket, "docs/a.txt", listed[1].VersionId, None))
            {
                using var reader = new StreamReader(content.Content);
                Assert.Equal("first", await reader.ReadToEndAsync());
            }
            await versions.DeleteAsync(portal.Tenant, _bucket, "docs/a.txt", listed[0].VersionId, None);
            Assert.Equal(2, (await versions.ListObjectAsync(portal.Tenant, _bucket, "docs/a.txt", None)).Count);

            await services.GetRequiredService<IObjectBrowser>().DeleteAsync(portal.Tenant, _bucket, ["docs/a.txt"], None);
            Assert.True((await versions.ListObjectAsync(portal.Tenant, _bucket, "docs/a.txt", None))[0].IsDeleteMarker);
            await versions.UndeleteAsync(portal.Tenant, _bucket, "docs/a.txt", None);
            var notDeleted = await Assert.ThrowsAsync<ConflictException>(() => versions.UndeleteAsync(portal.Tenant, _bucket, "docs/a.txt", None));
            Assert.Contains("is not deleted", notDeleted.Message, StringComparison.Ordinal);
        });

        using var current = await s3.GetObjectAsync(_s3Bucket, "docs/a.txt");
        using var body = new StreamReader(current.ResponseStream);
        Assert.Equal("first", await body.ReadToEndAsync());
    }

    [Fact]
    public async Task A_change_on_another_replica_shows_on_this_ones_pages_and_this_ones_changes_are_told_to_the_others()
    {
        var told = new List<BucketDataChange>();
        using var watch = await portal.AsMemberAsync(portal.UseEmail, services =>
            services.GetRequiredService<IBucketDataService>().WatchAsync(portal.Tenant, _bucket, c => { lock (told) { told.Add(c); } }, None));
        await using var other = new NpgsqlConnection(portal.Database.ConnectionString);
        await other.OpenAsync();
        var heard = new List<string>();
        other.Notification += (_, e) => { lock (heard) { heard.Add(e.Payload); } };
        await using (var listen = new NpgsqlCommand("LISTEN hikube_bucket_data", other))
        {
            await listen.ExecuteNonQueryAsync();
        }

        // Another replica changed the lifecycle rules: this replica's open page hears of it.
        await using (var notify = new NpgsqlCommand("SELECT pg_notify('hikube_bucket_data', @payload)", other))
        {
            notify.Parameters.AddWithValue("payload", JsonSerializer.Serialize(new { Origin = "another-replica", portal.Tenant, Bucket = _bucket, Change = "Lifecycle" }));
            await notify.ExecuteNonQueryAsync();
        }
        Assert.True(await EventuallyAsync(() => { lock (told) { return Task.FromResult(told.Contains(BucketDataChange.Lifecycle)); } }),
            "the page did not hear of the other replica's change");

        // This replica turns versioning on: the others hear of it.
        await portal.AsMemberAsync(portal.AdminEmail, services =>
            services.GetRequiredService<IBucketDataService>().SetVersioningAsync(portal.Tenant, _bucket, VersioningState.Enabled, None));
        Assert.True(await EventuallyAsync(async () =>
        {
            await other.WaitAsync(TimeSpan.FromMilliseconds(200));
            lock (heard)
            {
                return heard.Select(p => JsonSerializer.Deserialize<JsonElement>(p))
                    .Any(p => p.GetProperty("Bucket").GetString() == _bucket && p.GetProperty("Change").GetString() == "Versioning");
            }
        }), "no notice on the channel: " + string.Join(" | ", heard));
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }

    [Fact]
    public async Task The_tenant_overview_adds_up_its_buckets_and_reads_its_bucket_quota()
    {
        var before = await portal.AsMemberAsync(portal.ViewEmail, services => services.GetRequiredService<ITenantUsageService>().GetAsync(portal.Tenant, None));
        Assert.Null(before.Quota);
        Assert.True(before.Buckets >= 1);

        var quota = new V1ResourceQuota
        {
            Metadata = new V1ObjectMeta { Name = "buckets" },
            Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["count/buckets.apps.cozystack.io"] = new("20") } },
        };
        await Cluster.Admin.Kube.CoreV1.CreateNamespacedResourceQuotaAsync(quota, portal.Namespace);
        try
        {
            var after = await portal.AsMemberAsync(portal.ViewEmail, services => services.GetRequiredService<ITenantUsageService>().GetAsync(portal.Tenant, None));
            Assert.Equal(20, after.Quota?.Hard);
            Assert.True(after.Largest.Count <= 5);
            Assert.True(after.Largest.Sum(b => b.Bytes) <= after.TotalBytes);
        }
        finally
        {
            await Cluster.Admin.Kube.CoreV1.DeleteNamespacedResourceQuotaAsync("buckets", portal.Namespace);
        }
    }
}
