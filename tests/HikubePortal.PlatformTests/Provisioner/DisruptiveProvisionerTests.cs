using Amazon.S3.Model;
using Xunit.Abstractions;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.PlatformTests.Provisioner;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DisruptiveGroup
{
    public const string Name = "Disruptive: restarts shared platform servers";
}

/// <summary>
/// Real restarts of the platform's servers (<c>platform.sh restart</c>) in the middle of provisioning.
/// They disturb whatever else uses the instance at that moment: they run alone in this assembly,
/// and carry the trait <c>Category=Disruptive</c> so a runner can keep them apart from other suites.
/// </summary>
[Collection(DisruptiveGroup.Name)]
[Trait("Category", "Disruptive")]
public sealed class DisruptiveProvisionerTests(ITestOutputHelper output)
{
    /// <summary>The in-process provisioner's warnings and errors, for the test output.</summary>
    private void Report(ProvisionerRig rig)
    {
        foreach (var line in rig.Logs.Where(l => !l.StartsWith("Information", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }
    }

    private static async Task AssertUsableAsync(BucketTestContext context, string bucket)
    {
        var credentials = await context.CredentialsAsync(bucket, "admin");
        using var s3 = context.S3For(credentials);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = credentials.BucketName, Key = "probe", ContentBody = "ok", UseChunkEncoding = false });
        Assert.Equal("probe", Assert.Single((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = credentials.BucketName })).S3Objects).Key);
    }

    private static async Task CreateAsync(BucketTestContext context, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            await context.CreateBucketAsync(name, BucketTestContext.Users(("admin", false), ("viewer", true)));
        }
    }

    [Fact]
    public async Task A_radosgw_restart_in_the_middle_of_provisioning_still_converges()
    {
        await using var rig = await ProvisionerRig.StartAsync();
        var names = Enumerable.Range(0, 8).Select(i => $"g{i}").ToList();

        await CreateAsync(rig.Context, names);
        await PlatformScript.RestartAsync("rgw");
        Report(rig);

        foreach (var name in names)
        {
            await rig.WaitReadyAsync(name);
            await AssertUsableAsync(rig.Context, name);
        }
    }

    [Fact]
    public async Task An_apiserver_restart_is_survived_by_the_watch()
    {
        await using var rig = await ProvisionerRig.StartAsync();
        await CreateAsync(rig.Context, ["before"]);
        await rig.WaitReadyAsync("before");

        await PlatformScript.RestartAsync("apiserver");
        await CreateAsync(rig.Context, ["after"]);

        try
        {
            await rig.WaitReadyAsync("after");
        }
        finally
        {
            Report(rig);
        }

        await AssertUsableAsync(rig.Context, "after");
        await rig.Context.PatchSpecAsync("before", """{"users":{"viewer":null}}""");
        await rig.WaitReadyAsync("before");
        Assert.Null(await rig.Context.SecretAsync("bucket-before-viewer-credentials"));
    }

    [Fact]
    public async Task The_platforms_provisioner_process_restarted_mid_way_converges()
    {
        if (!BucketTestContext.PlatformRunsProvisioner)
        {
            // Started with --no-provisioner: ProvisionerResilienceTests cover restarts in process.
            Assert.False(BucketTestContext.PlatformRunsProvisioner);
            return;
        }

        await using var context = await BucketTestContext.CreateAsync();
        var names = Enumerable.Range(0, 5).Select(i => $"p{i}").ToList();

        await CreateAsync(context, names);
        await PlatformScript.RestartAsync("provisioner");

        foreach (var name in names)
        {
            var bucket = await context.WaitReadyAsync(name);
            Assert.Equal(BucketPhase.Ready, bucket.State.Phase);
            await AssertUsableAsync(context, name);
        }
    }
}
