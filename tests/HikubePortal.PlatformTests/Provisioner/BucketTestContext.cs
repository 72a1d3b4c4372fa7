using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s.Models;
using HikubePortal.Provisioner.Provisioning;
using HikubePortal.Provisioner.Radosgw;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>
/// What a provisioner test needs on the real platform: a namespace of its own, cluster-admin and
/// radosgw-admin clients, and helpers to create Buckets, wait for them, read their credentials through
/// the project's reader and talk S3 with them. Deleting it deletes its Buckets (the provisioner then
/// cleans radosgw up) and its namespace.
/// </summary>
internal sealed class BucketTestContext : IAsyncDisposable
{
    /// <summary>Generous: convergence is waited for, never timed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private BucketTestContext(string ns, string? @class)
    {
        Platform = LocalPlatform.Current;
        Namespace = ns;
        Class = @class;
        Kube = TestCluster.FromKubeconfig(Platform.AdminKubeconfig);
        AdminS3 = S3Clients.Create(new Uri(Platform.S3Endpoint), Platform.RadosgwAdminAccessKey, Platform.RadosgwAdminSecretKey, "us-east-1", TimeSpan.FromSeconds(30));
    }

    public LocalPlatform Platform { get; }

    public string Namespace { get; }

    /// <summary>The provisioner class label put on this context's Buckets (null: the platform's default provisioner).</summary>
    public string? Class { get; }

    public TestCluster Kube { get; }

    public AmazonS3Client AdminS3 { get; }

    /// <summary>Whether the platform runs its own provisioner (else the default class needs an in-process one).</summary>
    public static bool PlatformRunsProvisioner =>
        Environment.GetEnvironmentVariable("HIKUBE_PLATFORM_DIR") is { } dir &&
        File.Exists(Path.Combine(dir, "provisioner-enabled")) &&
        File.ReadAllText(Path.Combine(dir, "provisioner-enabled")).Trim() == "1";

    public static async Task<BucketTestContext> CreateAsync(string? @class = null)
    {
        var context = new BucketTestContext($"tenant-{LocalPlatform.UniqueName("prov")}", @class);
        await context.Kube.CreateNamespaceAsync(context.Namespace);
        return context;
    }

    public async Task<Bucket> CreateBucketAsync(string name, BucketSpec spec)
    {
        var bucket = Bucket.Create(Namespace, name, spec);
        if (Class is not null)
        {
            bucket.Metadata.Labels = new Dictionary<string, string> { [BucketNaming.ClassLabel] = Class };
        }

        return await Kube.Buckets.CreateAsync(bucket, null, default);
    }

    public static BucketSpec Users(params (string Name, bool ReadOnly)[] users) => new()
    {
        Users = users.ToDictionary(u => u.Name, u => u.ReadOnly ? BucketUser.ReadOnlyAccess : BucketUser.ReadWriteAccess),
    };

    public Task<Bucket> GetAsync(string name) => Kube.Buckets.GetAsync(Namespace, name, null, default);

    /// <summary>A JSON merge patch of the Bucket's spec, e.g. <c>{"users":{"viewer":null}}</c>.</summary>
    public Task<Bucket> PatchSpecAsync(string name, string specPatchJson) =>
        Kube.Buckets.PatchAsync(Namespace, name, $$"""{"spec":{{specPatchJson}}}""", null, default);

    /// <summary>Polls until <paramref name="done"/> holds for the Bucket (null when it is gone).</summary>
    public async Task<Bucket?> WaitForAsync(string name, Func<Bucket?, bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        Bucket? bucket = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            bucket = await Kube.Buckets.FindAsync(Namespace, name, null, default);
            if (done(bucket))
            {
                return bucket;
            }

            await Task.Delay(100);
        }

        var ready = bucket?.Status?.Find("Ready");
        throw new TimeoutException($"Bucket {Namespace}/{name} did not become {what} in {Patience.TotalSeconds} s; Ready: {ready?.Status} {ready?.Reason} {ready?.Message}");
    }

    /// <summary>Ready=True for the current generation.</summary>
    public async Task<Bucket> WaitReadyAsync(string name) =>
        (await WaitForAsync(name, b => b?.Status?.Find("Ready") is { IsTrue: true } ready && ready.ObservedGeneration == b.Metadata.Generation, "Ready"))!;

    public async Task WaitGoneAsync(string name) => await WaitForAsync(name, b => b is null, "gone");

    public async Task DeleteBucketAsync(string name)
    {
        await Kube.Buckets.DeleteAsync(Namespace, name, null, default);
        await WaitGoneAsync(name);
    }

    /// <summary>A user's credentials read back through the project's credentials reader.</summary>
    public async Task<BucketCredentials> CredentialsAsync(string bucket, string user)
    {
        var result = await BucketCredentialsReader.ReadAsync(new KubernetesSecretSource(Kube.Kube), Namespace, bucket, user, CancellationToken.None);
        Assert.True(result.IsIssued, $"credentials of {bucket}/{user}: {result.Outcome} {result.Problem}");
        return result.Credentials!;
    }

    /// <summary>
    /// An S3 client for <paramref name="credentials"/>. The credentials Secret carries the endpoint without
    /// scheme (as Cozystack writes it) so the reader assumes https; the local radosgw speaks http, so the
    /// platform's scheme is used with the credentials' host and port.
    /// </summary>
    /// <param name="ownConnections">Do not share the SDK's cached HTTP connections with other clients.</param>
    public AmazonS3Client S3For(BucketCredentials credentials, bool ownConnections = false)
    {
        var platform = new Uri(Platform.S3Endpoint);
        Assert.Equal(platform.Authority, credentials.Endpoint.Authority);
        var endpoint = new UriBuilder(credentials.Endpoint) { Scheme = platform.Scheme, Port = platform.Port }.Uri;
        var config = S3Clients.Config(endpoint, credentials.Region, TimeSpan.FromSeconds(30));
        config.CacheHttpClient = !ownConnections;
        return new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey), config);
    }

    public Task<V1Secret?> SecretAsync(string name) => Kube.FindSecretAsync(Namespace, name);

    /// <summary>Whether the admin sees the S3 bucket.</summary>
    public async Task<bool> S3BucketExistsAsync(string s3Bucket)
    {
        try
        {
            await AdminS3.HeadBucketAsync(new HeadBucketRequest { BucketName = s3Bucket });
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var left = await Kube.Buckets.ListAsync(Namespace, null, default);
            foreach (var bucket in left.Items)
            {
                await Kube.Buckets.DeleteAsync(Namespace, bucket.Name, null, default);
            }

            foreach (var bucket in left.Items)
            {
                await WaitGoneAsync(bucket.Name);
            }
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(Namespace);
            AdminS3.Dispose();
            Kube.Dispose();
        }
    }
}
