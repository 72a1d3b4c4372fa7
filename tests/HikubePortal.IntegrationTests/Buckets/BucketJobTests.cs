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
    [Fact]
    public async Task Empty_and_delete_runs_in_the_background_and_shows_its_progress()
    {
        var name = LocalPlatform.UniqueName("emp");
        using var admin = await portal.SignedInAsync(portal.AdminEmail);
        var keys = await CreateWithObjectsAsync(admin, name, 25);

        var (_, deletePage) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/{name}/delete");
        Assert.Equal("objects", deletePage.QuerySelector("[data-usage]")?.GetAttribute("data-usage"));
        Assert.Contains("25 objects in 4 folders", deletePage.QuerySelector("[data-usage]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(deletePage.QuerySelector("button[value=delete]"));

        using var started = await admin.SubmitAsync(deletePage.NamedForm("delete-bucket")!, $"/t/{portal.Tenant}/buckets/{name}/delete",
            new Dictionary<string, string> { ["Input.Confirmation"] = name, ["Input.Mode"] = "empty" });
        var startedPage = await started.PageAsync();
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.NotNull(startedPage.QuerySelector("#bucket-job"));

        // The progress fragment polls until the job is done; a reload of the page shows the same job.
        var state = await WaitForJobAsync(admin, name);
        Assert.Equal("Succeeded", state);
        var job = await LatestJobAsync(name);
        Assert.Equal(BucketJobState.Succeeded, job.State);
        Assert.Equal(keys.Length, job.ObjectsDeleted);
        await WaitGoneAsync(name);
        var (reload, reloaded) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/{name}/delete");
        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        Assert.Equal("Succeeded", reloaded.QuerySelector("#bucket-job")?.GetAttribute("data-job-state"));
    }

    [Fact]
    public async Task A_job_left_behind_by_a_stopped_portal_is_taken_over()
    {
        var name = LocalPlatform.UniqueName("lft");
        using var admin = await portal.SignedInAsync(portal.AdminEmail);
        await CreateWithObjectsAsync(admin, name, 5);
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

        Assert.Equal("Succeeded", await WaitForJobAsync(admin, name));
        var job = await LatestJobAsync(name);
        Assert.Equal(2, job.Attempts);
        Assert.Null(job.LeaseOwner);
        await WaitGoneAsync(name);
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

    private async Task<string[]> CreateWithObjectsAsync(HttpClient admin, string name, int count)
    {
        await portal.CreateBucketAsync(portal.AdminEmail, name, ("admin", false));
        await admin.WaitForPhaseAsync(portal.Tenant, name, BucketPhase.Ready);
        var (accessKey, secretKey) = await BucketHttp.WaitForCredentialsAsync(portal.Namespace, name, "admin");
        var s3Bucket = (await Cluster.Admin.GetSecretAsync(portal.Namespace, BucketNames.CredentialsSecretName(name, "admin"))).GetString("bucketName")!;
        var keys = Enumerable.Range(0, count).Select(i => $"{(i % 3) switch { 0 => "photos", 1 => "docs/2026", _ => "top" }}/file-{i}.txt").ToArray();
        await S3Probe.PutAsync(accessKey, secretKey, s3Bucket, keys);
        return keys;
    }

    private async Task<string?> WaitForJobAsync(HttpClient admin, string name)
    {
        string? state = null;
        for (var i = 0; i < 300; i++)
        {
            using var response = await admin.GetAsync($"/t/{portal.Tenant}/buckets/{name}/job");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var fragment = await response.PageAsync();
                state = fragment.QuerySelector("#bucket-job")?.GetAttribute("data-job-state");
                if (state is "Succeeded" or "Failed")
                {
                    return state;
                }
            }
            await Task.Delay(300);
        }
        return state;
    }

    private Task<BucketJob> LatestJobAsync(string name) =>
        portal.AsSystemAsync(async services => (await services.GetRequiredService<IBucketJobStore>().LatestAsync(portal.Tenant, name, CancellationToken.None))!);

    private async Task WaitGoneAsync(string name)
    {
        for (var i = 0; i < 200 && await Cluster.Admin.Buckets.FindAsync(portal.Namespace, name, null, default) is not null; i++)
        {
            await Task.Delay(300);
        }
        Assert.Null(await Cluster.Admin.Buckets.FindAsync(portal.Namespace, name, null, default));
    }
}
