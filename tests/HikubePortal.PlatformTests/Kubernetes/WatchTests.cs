using System.Threading.Channels;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Models;
using Xunit.Abstractions;

namespace HikubePortal.PlatformTests.KubernetesTests;

public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Watch_reports_added_modified_and_deleted_from_a_list_resource_version()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var client = tenant.Admin;
        var list = await client.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace);
        using var stop = new CancellationTokenSource(Patience);
        var events = new List<(WatchEventType Type, string Name)>();

        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchAsync<Bucket>(Bucket.Resource, tenant.Namespace, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, stop.Token))
            {
                events.Add((e.Type, e.Object!.Name));
                if (e.Type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }, stop.Token);
        await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("w1"));
        await client.PatchAsync<Bucket>(Bucket.Resource, tenant.Namespace, "w1", new { spec = new { storagePool = "x" } });
        await client.DeleteAsync(Bucket.Resource, tenant.Namespace, "w1");
        await watching;

        Assert.Equal([(WatchEventType.Added, "w1"), (WatchEventType.Modified, "w1"), (WatchEventType.Deleted, "w1")], events);
    }

    [Fact]
    public async Task A_too_old_resource_version_is_Gone_and_a_relist_recovers()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var client = tenant.Admin;
        await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("old"));
        using var stop = new CancellationTokenSource(Patience);

        var gone = await Assert.ThrowsAsync<KubernetesGoneException>(async () =>
        {
            await foreach (var _ in client.WatchAsync<Bucket>(Bucket.Resource, tenant.Namespace, new WatchOptions { ResourceVersion = "1" }, stop.Token))
            {
            }
        });
        Assert.Equal(410, gone.StatusCode);

        // What the caller does on Gone: list again, watch from the list's resourceVersion.
        var relist = await client.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace);
        Assert.Equal(["old"], relist.Items.Select(b => b.Name));
        var next = Task.Run(async () =>
        {
            await foreach (var e in client.WatchAsync<Bucket>(Bucket.Resource, tenant.Namespace, new WatchOptions { ResourceVersion = relist.Metadata.ResourceVersion }, stop.Token))
            {
                return e;
            }
            return null;
        }, stop.Token);
        await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("new"));
        var first = await next;
        Assert.Equal((WatchEventType.Added, "new"), (first!.Type, first.Object!.Name));
    }

    [Fact]
    public async Task The_informer_lists_then_watches()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var client = tenant.Admin;
        await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("i1"));
        using var stop = new CancellationTokenSource(Patience);
        var seen = new List<string>();

        await foreach (var e in client.InformAsync<Bucket>(Bucket.Resource, tenant.Namespace, cancellationToken: stop.Token))
        {
            seen.Add($"{e.Type} {e.Object?.Name}".Trim());
            if (e.Type == ResourceEventType.Synced)
            {
                await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("i2"));
                await client.DeleteAsync(Bucket.Resource, tenant.Namespace, "i1");
            }
            if (e.Type == ResourceEventType.Deleted)
            {
                break;
            }
        }

        Assert.Equal(["Added i1", "Synced", "Added i2", "Deleted i1"], seen);
    }
}

[CollectionDefinition(nameof(ApiserverRestartGroup), DisableParallelization = true)]
public sealed class ApiserverRestartGroup;

/// <summary>Restarts the apiserver: runs alone, after the parallel tests.</summary>
[Collection(nameof(ApiserverRestartGroup))]
public sealed class WatchRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Watch_and_informer_survive_an_apiserver_restart()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var client = tenant.Admin;
        await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("before"));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(20)); // the restart itself may wait for a kube build lock
        var informed = Channel.CreateUnbounded<string>();
        var watched = Channel.CreateUnbounded<string>();
        var relists = 0;

        var informer = Task.Run(async () =>
        {
            await foreach (var e in client.InformAsync<Bucket>(Bucket.Resource, tenant.Namespace, cancellationToken: stop.Token))
            {
                await informed.Writer.WriteAsync($"{e.Type} {e.Object?.Name}".Trim(), stop.Token);
            }
        }, stop.Token);
        var watcher = Task.Run(async () =>
        {
            // A plain watch with the caller's relist on Gone (after a restart the old resourceVersion may be gone).
            var rv = (await client.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace, cancellationToken: stop.Token)).Metadata.ResourceVersion;
            await watched.Writer.WriteAsync("Listed", stop.Token);
            while (true)
            {
                try
                {
                    await foreach (var e in client.WatchAsync<Bucket>(Bucket.Resource, tenant.Namespace, new WatchOptions { ResourceVersion = rv }, stop.Token))
                    {
                        rv = e.ResourceVersion;
                        await watched.Writer.WriteAsync($"{e.Type} {e.Object!.Name}", stop.Token);
                    }
                }
                catch (KubernetesGoneException)
                {
                    Interlocked.Increment(ref relists);
                    rv = (await client.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace, cancellationToken: stop.Token)).Metadata.ResourceVersion;
                }
            }
        }, stop.Token);

        Assert.Equal("Added before", await informed.Reader.ReadAsync(stop.Token));
        Assert.Equal("Synced", await informed.Reader.ReadAsync(stop.Token));
        Assert.Equal("Listed", await watched.Reader.ReadAsync(stop.Token));

        await PlatformScript.RunAsync(output, "restart", "apiserver");
        Assert.True(await Kube.EventuallyAsync(async () =>
        {
            try
            {
                await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("after"));
                return true;
            }
            catch (KubernetesUnavailableException)
            {
                return false;
            }
            catch (KubernetesAlreadyExistsException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(60)), "the apiserver did not come back");

        Assert.Equal("Added after", await NextMatchingAsync(watched.Reader, "after", stop.Token));
        Assert.Equal("Added after", await NextMatchingAsync(informed.Reader, "after", stop.Token));
        output.WriteLine($"plain watch relisted {relists} time(s) after the restart");

        await stop.CancelAsync();
        await Task.WhenAll(informer, watcher).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task<string> NextMatchingAsync(ChannelReader<string> reader, string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            var item = await reader.ReadAsync(cancellationToken);
            if (item.EndsWith(" " + name, StringComparison.Ordinal))
            {
                return item;
            }
        }
    }
}
