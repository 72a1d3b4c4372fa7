using Amazon.S3.Model;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Provisioner.Provisioning;

namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>
/// Outages and restarts, with a provisioner of the test's own (in process, its own class) so the
/// platform's shared radosgw and provisioner are left alone: radosgw is cut off through a proxy.
/// </summary>
public sealed class ProvisionerResilienceTests
{
    private static async Task AssertUsableAsync(BucketTestContext context, string bucket, string user)
    {
        var credentials = await context.CredentialsAsync(bucket, user);
        using var s3 = context.S3For(credentials);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = credentials.BucketName, Key = "probe", ContentBody = bucket, UseChunkEncoding = false });
        using var read = await s3.GetObjectAsync(credentials.BucketName, "probe");
        Assert.Equal(bucket, await new StreamReader(read.ResponseStream).ReadToEndAsync());
    }

    private static async Task AssertNoSecretLoggedAsync(ProvisionerRig rig)
    {
        var keys = await rig.SecretKeysAsync();
        Assert.NotEmpty(keys);
        Assert.NotEmpty(rig.Logs);
        foreach (var key in keys)
        {
            Assert.DoesNotContain(rig.Logs, line => line.Contains(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task While_radosgw_is_unreachable_the_status_says_so_and_the_bucket_converges_once_it_is_back()
    {
        await using var rig = await ProvisionerRig.StartAsync();
        rig.Proxy.Cut();

        await rig.Context.CreateBucketAsync("patient", BucketTestContext.Users(("admin", false)));
        var waiting = await rig.Context.WaitForAsync("patient", b => b?.Status?.Find("Ready") is { IsFalse: true }, "not ready");

        var ready = waiting!.Status!.Find("Ready")!;
        Assert.Equal(("RadosgwUnavailable", "radosgw unreachable — will retry"), (ready.Reason, ready.Message));
        Assert.Equal(BucketPhase.Failed, waiting.State.Phase);
        Assert.Equal("False", waiting.Status.Find("Released")!.Status);
        Assert.Null(await rig.Context.SecretAsync("bucket-patient-admin-credentials"));

        rig.Proxy.Restore();
        await rig.WaitReadyAsync("patient");
        await AssertUsableAsync(rig.Context, "patient", "admin");
        await AssertNoSecretLoggedAsync(rig);
    }

    [Fact]
    public async Task Radosgw_lost_in_the_middle_of_a_delete_still_ends_with_everything_removed()
    {
        await using var rig = await ProvisionerRig.StartAsync();
        var created = await rig.Context.CreateBucketAsync("gone", BucketTestContext.Users(("admin", false)));
        await rig.WaitReadyAsync("gone");
        rig.Proxy.Cut();

        await rig.Context.Kube.Buckets.DeleteAsync(rig.Context.Namespace, "gone", null, default);
        var stuck = await rig.Context.WaitForAsync("gone", b => b?.Status?.Find("Ready") is { IsFalse: true }, "held by its finalizer");
        Assert.Equal(BucketPhase.Deleting, stuck!.State.Phase);
        Assert.StartsWith("Deleting: radosgw unreachable", stuck.Status!.Find("Ready")!.Message, StringComparison.Ordinal);

        rig.Proxy.Restore();
        await rig.Context.WaitGoneAsync("gone");
        Assert.False(await rig.Context.S3BucketExistsAsync($"bucket-{created.Metadata.Uid}"));
        Assert.Null(await rig.Context.SecretAsync("bucket-gone-admin"));
    }

    [Fact]
    public async Task A_provisioner_stopped_mid_way_and_started_again_converges_and_then_rewrites_nothing()
    {
        await using var rig = await ProvisionerRig.StartAsync();
        var names = Enumerable.Range(0, 6).Select(i => $"r{i}").ToList();
        foreach (var name in names)
        {
            await rig.Context.CreateBucketAsync(name, BucketTestContext.Users(("admin", false), ("viewer", true)));
        }

        await rig.StopProvisionerAsync();
        await rig.StartProvisionerAsync();

        foreach (var name in names)
        {
            await rig.WaitReadyAsync(name);
            await AssertUsableAsync(rig.Context, name, "admin");
        }

        await rig.Context.CreateBucketAsync("bare", new BucketSpec());
        await rig.WaitReadyAsync("bare");
        names.Add("bare");
        var before = await VersionsAsync(rig.Context);
        await rig.StopProvisionerAsync();
        var logged = rig.Logs.Count;
        await rig.StartProvisionerAsync();
        foreach (var name in names)
        {
            Assert.Equal(ReconcileResult.Done, await rig.Provisioner!.Reconciler.ReconcileAsync(new BucketKey(rig.Context.Namespace, name), CancellationToken.None));
        }

        // Nothing written to the cluster, and nothing to radosgw (every write there is logged).
        Assert.Equal(before, await VersionsAsync(rig.Context));
        Assert.DoesNotContain(rig.Logs.Skip(logged), line =>
            line.Contains("Created S3 bucket", StringComparison.Ordinal) || line.Contains("Bucket policy of", StringComparison.Ordinal) ||
            line.Contains("Wrote Secret", StringComparison.Ordinal) || line.Contains("Revoked user", StringComparison.Ordinal));
        await AssertNoSecretLoggedAsync(rig);
    }

    /// <summary>The resourceVersion of every Bucket and Secret of the namespace: any write changes one.</summary>
    private static async Task<Dictionary<string, string?>> VersionsAsync(BucketTestContext context)
    {
        var secrets = await context.Kube.ListSecretsAsync(context.Namespace);
        var buckets = await context.Kube.Buckets.ListAsync(context.Namespace, null, default);
        return secrets.Items.Select(s => (Key: "secret/" + s.Metadata.Name, s.Metadata.ResourceVersion))
            .Concat(buckets.Items.Select(b => (Key: "bucket/" + b.Name, b.Metadata.ResourceVersion)))
            .ToDictionary(x => x.Key, x => (string?)x.ResourceVersion);
    }
}
