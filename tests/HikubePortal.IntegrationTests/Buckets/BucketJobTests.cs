using System.Net;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>"Empty and delete": a background job whose state lives in PostgreSQL, so reloads and restarts lose nothing.</summary>
public sealed class BucketJobTests(BucketPortal portal) : IClassFixture<BucketPortal>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Empty_and_delete_runs_in_the_background_and_shows_its_progress()
    {
        var name = LocalPlatform.UniqueName("emp");
        var keys = await CreateWithObjectsAsync(name, 25);

        // What the delete dialog counts and starts, in the admin's circuit.
        var (usage, started) = await portal.AsMemberAsync(portal.AdminEmail, async services =>
        {
            var usage = await services.GetRequiredService<IBucketUsageService>().MeasureAsync(portal.Tenant, name, None);
            var started = await services.GetRequiredService<IBucketJobService>().StartEmptyAndDeleteAsync(portal.Tenant, name, usage, None);
            return (usage, started);
        });
        Assert.Equal((25L, 4L, true), (usage.Objects, usage.Folders, usage.Complete));
        Assert.False(usage.IsEmpty);
        Assert.Equal(BucketJobKind.EmptyAndDelete, started.Kind);

        // The progress the bucket page shows (read again, as a page on another replica does) until the job is done.
        var done = await WaitForJobAsync(name);
        Assert.Equal(started.Id, done.Id);
        Assert.Equal(BucketJobState.Succeeded, done.State);
        Assert.Equal((keys.Length, 25L), (done.Deleted, done.Estimated));
        var job = await LatestJobAsync(name);
        Assert.Equal(BucketJobState.Succeeded, job.State);
        Assert.Equal(keys.Length, job.ObjectsDeleted);
        await portal.WaitGoneAsync(name);

        // Gone from the cluster, the job is still there to read, and the page says the bucket no longer exists.
        var after = await portal.AsMemberAsync(portal.AdminEmail, services => services.GetRequiredService<IBucketJobService>().LatestAsync(portal.Tenant, name, None));
        Assert.Equal((started.Id, BucketJobState.Succeeded), (after?.Id, after?.State));
        using var admin = await portal.SignedInAsync(portal.AdminEmail);
        using var page = await admin.GetAsync($"/t/{portal.Tenant}/buckets/{name}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task A_job_left_behind_by_a_stopped_portal_is_taken_over()
    {
        var name = LocalPlatform.UniqueName("lft");
        await CreateWithObjectsAsync(name, 5);
        var uid = (await Cluster.Admin.Buckets.GetAsync(portal.Namespace, name, null, default)).Metadata.Uid;

        // A replica claimed it, deleted 2 objects, then died: its lease ran out a minute ago.
        await portal.AsSystemAsync(async services =>
        {
            var adminId = await services.GetRequiredService<IPortalDb>().Users.Where(u => u.Email == portal.AdminEmail).Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            await services.GetRequiredService<IBucketJobStore>().AddAsync(new BucketJob
            {
                Id = Guid.NewGuid(), Kind = BucketJobKind.EmptyAndDelete, State = BucketJobState.Running, Tenant = portal.Tenant, Bucket = name,
                BucketUid = uid, RequestedById = adminId, RequestedBy = portal.AdminEmail.ToLowerInvariant(),
                ImpersonateGroup = TenantNames.Group(portal.Tenant, TenantRole.Admin), ObjectsDeleted = 2, Attempts = 1,
                Message = "Deleting objects.", CreatedAt = now.AddMinutes(-3), UpdatedAt = now.AddMinutes(-2),
                LeaseOwner = "stopped-replica/1", LeaseUntil = now.AddMinutes(-1),
            }, CancellationToken.None);
            return 0;
        });

        Assert.Equal(BucketJobState.Succeeded, (await WaitForJobAsync(name)).State);
        var job = await LatestJobAsync(name);
        Assert.Equal(2, job.Attempts);
        Assert.Null(job.LeaseOwner);
        await portal.WaitGoneAsync(name);
    }

    [Fact]
    public async Task A_second_job_on_the_same_bucket_is_a_conflict()
    {
        var name = LocalPlatform.UniqueName("two");
        var job = new Func<BucketJob>(() => new BucketJob
        {
            Id = Guid.NewGuid(), Tenant = portal.Tenant, Bucket = name, RequestedBy = "x@example.com", State = BucketJobState.Queued,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, RequestedById = Guid.NewGuid(),
        });
        await portal.AsSystemAsync(async services =>
        {
            var store = services.GetRequiredService<IBucketJobStore>();
            var first = job();
            await store.AddAsync(first, CancellationToken.None);
            var conflict = await Assert.ThrowsAsync<ConflictException>(() => store.AddAsync(job(), CancellationToken.None));
            Assert.Contains(name, conflict.Message, StringComparison.Ordinal);
            return 0;
        });
    }

    private async Task<string[]> CreateWithObjectsAsync(string name, int count)
    {
        await portal.CreateBucketAsync(name, ("admin", false));
        await portal.WaitForPhaseAsync(name, BucketPhase.Ready);
        var (accessKey, secretKey) = await BucketHttp.WaitForCredentialsAsync(portal.Namespace, name, "admin");
        var s3Bucket = (await Cluster.Admin.GetSecretAsync(portal.Namespace, BucketNames.CredentialsSecretName(name, "admin"))).GetString("bucketName")!;
        var keys = Enumerable.Range(0, count).Select(i => $"{(i % 3) switch { 0 => "photos", 1 => "docs/2026", _ => "top" }}/file-{i}.txt").ToArray();
        await S3Probe.PutAsync(accessKey, secretKey, s3Bucket, keys);
        return keys;
    }

    /// <summary>The bucket's newest job as its admin reads it, until it has ended.</summary>
    private async Task<BucketJobView> WaitForJobAsync(string name)
    {
        BucketJobView? job = null;
        for (var i = 0; i < 300; i++)
        {
            job = await portal.AsMemberAsync(portal.AdminEmail, services => services.GetRequiredService<IBucketJobService>().LatestAsync(portal.Tenant, name, None));
            if (job is { State: BucketJobState.Succeeded or BucketJobState.Failed })
            {
                return job;
            }
            await Task.Delay(300);
        }
        throw new TimeoutException($"The job on {name} is {job?.State.ToString() ?? "missing"} after 90 s");
    }

    private Task<BucketJob> LatestJobAsync(string name) =>
        portal.AsSystemAsync(async services => (await services.GetRequiredService<IBucketJobStore>().LatestAsync(portal.Tenant, name, CancellationToken.None))!);
}
