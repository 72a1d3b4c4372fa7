using Amazon.S3.Model;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>
/// The Workload <c>bucket-bucket-&lt;name&gt;</c> the provisioner writes from radosgw's bucket stats, as Cozystack's
/// monitoring reports a bucket's size: present once the bucket is ready, growing with what is uploaded, gone with the
/// Bucket. A provisioner of the test's own class runs in process with a short usage interval.
/// </summary>
public sealed class WorkloadUsageTests
{
    [Fact]
    public async Task The_workload_reports_a_size_that_grows_after_an_upload_and_goes_with_the_bucket()
    {
        var @class = LocalPlatform.UniqueName("usage");
        await using var provisioner = await InProcessProvisioner.StartAsync(@class,
            settings: new Dictionary<string, string?> { ["Provisioner:UsageInterval"] = "00:00:00.500" });
        await using var context = await BucketTestContext.CreateAsync(@class);
        var bucket = await context.CreateBucketAsync("sized", BucketTestContext.Users(("admin", false)));
        await context.WaitReadyAsync("sized");

        // A report written while the bucket was still being provisioned says 0 bytes too, not yet operational; the next
        // one (every UsageInterval) says operational: wait for that one rather than take the first empty report.
        var empty = await WaitForWorkloadAsync(context, w => w?.Status is { Operational: true } s && s.Amount(WorkloadStatus.StorageBytes) == 0, "an empty, operational bucket");
        Assert.True(empty!.Status!.Operational);
        Assert.Equal(1, empty.Status.Amount(WorkloadStatus.Buckets));
        var owner = Assert.Single(empty.Metadata.OwnerReferences!);
        Assert.Equal(("Bucket", "sized", bucket.Metadata.Uid, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller));

        var credentials = await context.CredentialsAsync("sized", "admin");
        using var s3 = context.S3For(credentials);
        const int Size = 3 * 1024 * 1024;
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = credentials.BucketName, Key = "data/blob", InputStream = new MemoryStream(new byte[Size]), UseChunkEncoding = false,
        });
        var grown = await WaitForWorkloadAsync(context, w => w?.Status?.Amount(WorkloadStatus.StorageBytes) >= Size, "3 MiB");
        Assert.Equal(Size, grown!.Status!.Amount(WorkloadStatus.StorageBytes));
        Assert.True(grown.Status.Amount(WorkloadStatus.PhysicalStorageBytes) >= Size);

        await context.DeleteBucketAsync("sized");
        await WaitForWorkloadAsync(context, w => w is null, "gone (garbage-collected with its Bucket)");
    }

    private static async Task<Workload?> WaitForWorkloadAsync(BucketTestContext context, Func<Workload?, bool> done, string what)
    {
        var name = Workload.ForBucket("sized");
        var resource = Workload.Resource;
        var deadline = DateTimeOffset.UtcNow + BucketTestContext.Patience;
        Workload? workload = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            workload = await ClusterCall.FindAsync(resource.Describe("get", context.Namespace, name),
                ct => context.Kube.Kube.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<Workload>(
                    resource.Group, resource.Version, context.Namespace, resource.Plural, name, cancellationToken: ct), default);
            if (done(workload))
            {
                return workload;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Workload {context.Namespace}/{name} did not report {what}; it says {workload?.Status?.Resources?.Count ?? 0} resource(s)");
    }
}
