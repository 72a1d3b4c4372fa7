using System.Net;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;
using Xunit.Abstractions;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>
/// A kube-apiserver that accepts connections and never answers (paused): the bucket list and the bucket page say so in
/// words within seconds, and show the buckets again by themselves once it answers (the tenant's watch cache resumes).
/// </summary>
[Collection(HungDependencyGroup.Name)]
public sealed class HungClusterTests(BucketPortal portal, ITestOutputHelper output) : IClassFixture<BucketPortal>
{
    private const string NotAnswering = "The cluster (Kubernetes API) is not answering";

    [Fact]
    public async Task A_hung_cluster_is_said_in_words_within_seconds_and_the_pages_come_back_by_themselves()
    {
        var name = LocalPlatform.UniqueName("kept");
        await portal.CreateBucketAsync(name, ("admin", false));
        await using var proxy = new TcpProxy(new Uri(LocalPlatform.Current.KubeServer));
        var kubeconfig = await Cluster.PortalKubeconfigOnPortAsync(proxy.Port);
        try
        {
            await using var behind = PortalFactory.On(portal.Database);
            behind.Settings["Kubernetes:Kubeconfig"] = kubeconfig;
            using var admin = await behind.PatientClientAsync(portal.AdminEmail);
            var list = $"/t/{portal.Tenant}/buckets";
            var bucket = $"/t/{portal.Tenant}/buckets/{name}?tab=access";
            var shown = $"a[href$='/buckets/{name}']";

            // Hung before the tenant's first page: nothing to show but the words.
            proxy.Hang();
            HungPages.SaidInTime(await admin.GetTimedAsync(list, output, "bucket list, cluster hung"), NotAnswering);
            // The bucket page is interactive: prerendered with the words (200), the frame and tabs around them.
            HungPages.SaidInTime(await admin.GetTimedAsync(bucket, output, "bucket page, cluster hung"), NotAnswering, HttpStatusCode.OK);

            // Answering again: the list shows the bucket without a restart (the watch cache lists again by itself).
            proxy.Restore();
            await admin.GetUntilBackAsync(list, p => p.QuerySelector(shown) is not null, output, "bucket list, cluster answering again");
            var (again, _) = await admin.GetPageAsync(bucket);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

            // Hung with the cache in step: the list shows what it knows; the bucket page answers at once too.
            proxy.Hang();
            var (cachedResponse, cachedPage, cachedTook) = await admin.GetTimedAsync(list, output, "bucket list, cluster hung, cache in step");
            var (pageResponse, _, pageTook) = await admin.GetTimedAsync(bucket, output, "bucket page, cluster hung, cache in step");
            Assert.Equal(HttpStatusCode.OK, cachedResponse.StatusCode);
            Assert.NotNull(cachedPage.QuerySelector(shown));
            Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
            Assert.InRange(cachedTook, TimeSpan.Zero, TimeSpan.FromSeconds(5));
            Assert.InRange(pageTook, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
