using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.PlatformTests.KubernetesTests;

public sealed class PagingTests
{
    [Fact]
    public async Task Limit_and_continue_walk_every_bucket_exactly_once()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var names = Enumerable.Range(0, 25).Select(i => $"p{i:00}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, ct) =>
            await tenant.Admin.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket(name), cancellationToken: ct));

        var first = await tenant.Admin.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace, new ListOptions { Limit = 10 });
        Assert.Equal(10, first.Items.Count);
        Assert.False(string.IsNullOrEmpty(first.Metadata.Continue));
        Assert.Equal(15, first.Metadata.RemainingItemCount);

        var pages = new List<int> { first.Items.Count };
        var seen = first.Items.Select(b => b.Name).ToList();
        var token = first.Metadata.Continue;
        while (!string.IsNullOrEmpty(token))
        {
            var page = await tenant.Admin.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace, new ListOptions { Limit = 10, Continue = token });
            pages.Add(page.Items.Count);
            seen.AddRange(page.Items.Select(b => b.Name));
            token = page.Metadata.Continue;
        }
        Assert.Equal([10, 10, 5], pages);
        Assert.Equal(names, seen.Order());

        var all = new List<string>();
        await foreach (var bucket in tenant.Admin.ListAllAsync<Bucket>(Bucket.Resource, tenant.Namespace, new ListOptions { Limit = 7 }))
        {
            all.Add(bucket.Name);
        }
        Assert.Equal(names, all.Order());
    }

    [Fact]
    public async Task Label_selectors_filter_on_the_server()
    {
        await using var tenant = await TestTenant.CreateAsync();
        foreach (var (name, team) in new[] { ("a1", "red"), ("a2", "blue"), ("a3", "red") })
        {
            await tenant.Admin.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket(name, labels: new Dictionary<string, string> { ["team"] = team }));
        }

        var red = await tenant.Admin.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace, new ListOptions { LabelSelector = "team=red" });
        var notRed = await tenant.Admin.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace, new ListOptions { LabelSelector = "team!=red" });

        Assert.Equal(["a1", "a3"], red.Items.Select(b => b.Name).Order());
        Assert.Equal(["a2"], notRed.Items.Select(b => b.Name));
    }
}
