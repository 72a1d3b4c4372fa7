using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.PlatformTests.KubernetesTests;

public sealed class PagingTests
{
    [Fact]
    public async Task Pages_follow_continue_tokens_and_every_bucket_comes_exactly_once()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var names = Enumerable.Range(0, 25).Select(i => $"p{i:00}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, ct) =>
            await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket(name), null, ct));

        var paged = await tenant.Admin.Buckets.ListAsync(tenant.Namespace, null, default, pageSize: 10);
        var cached = await tenant.Admin.Buckets.ListAsync(tenant.Namespace, null, default, fromCache: true);

        Assert.Equal(names, paged.Items.Select(b => b.Name).Order());
        Assert.Equal(names, cached.Items.Select(b => b.Name).Order());
        Assert.False(string.IsNullOrEmpty(paged.ResourceVersion));
    }

    [Fact]
    public async Task Label_selectors_filter_on_the_server()
    {
        await using var tenant = await TestTenant.CreateAsync();
        foreach (var (name, team) in new[] { ("a1", "red"), ("a2", "blue"), ("a3", "red") })
        {
            await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket(name, labels: new Dictionary<string, string> { ["team"] = team }), null, default);
        }

        var red = await tenant.Admin.Buckets.ListAsync(tenant.Namespace, null, default, labelSelector: "team=red");
        var notRed = await tenant.Admin.Buckets.ListAsync(tenant.Namespace, null, default, labelSelector: "team!=red");

        Assert.Equal(["a1", "a3"], red.Items.Select(b => b.Name).Order());
        Assert.Equal(["a2"], notRed.Items.Select(b => b.Name));
    }
}
