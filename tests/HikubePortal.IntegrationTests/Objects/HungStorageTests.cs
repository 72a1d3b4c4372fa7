using System.Net;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Xunit.Abstractions;

namespace HikubePortal.IntegrationTests.Objects;

/// <summary>
/// A storage that accepts connections and never answers (radosgw paused): the object browser says so in words within
/// seconds, and lists again by itself once the storage answers.
/// </summary>
[Collection(HungDependencyGroup.Name)]
public sealed class HungStorageTests(ObjectPortal portal, ITestOutputHelper output) : IClassFixture<ObjectPortal>
{
    [Fact]
    public async Task A_hung_storage_is_said_in_words_within_seconds_and_the_browser_lists_again_by_itself()
    {
        await using var proxy = new TcpProxy(new Uri(LocalPlatform.Current.S3Endpoint));
        var name = await BucketBehindAsync(proxy);
        var folder = LocalPlatform.UniqueName("hung") + "/";
        await portal.PutAsync(($"{folder}kept.txt", [1]));
        using var user = await portal.PatientClientAsync(portal.UseEmail);
        var url = ObjectHttp.Browse(portal.Tenant, name, folder);
        var (open, _) = await user.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        proxy.Hang();
        HungPages.SaidInTime(await user.GetTimedAsync(url, output, "object browser, S3 hung"), "The storage (S3) is not answering");

        proxy.Restore();
        var listed = await user.GetUntilBackAsync(url, p => p.RowKeys().Count > 0, output, "object browser, S3 answering again", seconds: 10);
        Assert.Equal([$"{folder}kept.txt"], listed.RowKeys());
    }

    /// <summary>
    /// A bucket of the tenant whose credentials (the real keys of <see cref="ObjectPortal.Files"/>) name the proxy as
    /// endpoint; no provisioner handles it, so the Secret written here stays as it is.
    /// </summary>
    private async Task<string> BucketBehindAsync(TcpProxy proxy)
    {
        var name = LocalPlatform.UniqueName("behind");
        var bucket = Bucket.Create(portal.Namespace, name, new BucketSpec
        {
            Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess },
        });
        bucket.Metadata.Labels = new Dictionary<string, string> { ["hikube.cloud/provisioner"] = "nobody" };
        await Cluster.Admin.Buckets.CreateAsync(bucket, null, default);
        await Cluster.Admin.CreateSecretAsync(SecretValues.FromStrings(portal.Namespace, BucketNames.CredentialsSecretName(name, "admin"),
            new Dictionary<string, string>
            {
                ["accessKey"] = portal.FilesS3.AccessKey,
                ["secretKey"] = portal.FilesS3.SecretKey,
                ["endpoint"] = proxy.Endpoint.ToString(),
                ["bucketName"] = portal.FilesS3.Bucket,
            }));
        return name;
    }
}
