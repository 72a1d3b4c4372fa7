using System.Threading.Channels;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;
using HikubePortal.Testing;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace HikubePortal.PlatformTests.KubernetesTests;

/// <summary>The list-then-watch loop and the bucket watch cache against the real apiserver.</summary>
public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_loop_lists_then_watches_added_modified_and_deleted()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("i1"), null, default);
        var events = await Watching.StartAsync(tenant.Admin.Kube, tenant.Namespace);

        Assert.Equal("Added i1", await events.NextAsync());
        Assert.Equal("Synced", await events.NextAsync());
        await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("i2"), null, default);
        await tenant.Admin.Buckets.PatchAsync(tenant.Namespace, "i2", new { spec = new { storagePool = "x" } }, null, default);
        await tenant.Admin.Buckets.DeleteAsync(tenant.Namespace, "i1", null, default);

        Assert.Equal(["Added i2", "Modified i2", "Deleted i1"], [await events.NextAsync(), await events.NextAsync(), await events.NextAsync()]);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task A_too_old_resource_version_is_Gone_and_the_loop_lists_again()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("old"), null, default);
        // The first watch asks for resourceVersion 1, long compacted away: the real apiserver answers 410 Gone.
        using var stale = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(LocalPlatform.Current.AdminKubeconfig), new StaleFirstWatch());
        var relistsBefore = Metrics.Relists;
        var events = await Watching.StartAsync(stale, tenant.Namespace);

        Assert.Equal(["Added old", "Synced", "Synced"], [await events.NextAsync(), await events.NextAsync(), await events.NextAsync()]);
        await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("new"), null, default);
        Assert.Equal("Added new", await events.NextAsync());
        Assert.True(Metrics.Relists > relistsBefore);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task The_bucket_cache_follows_the_namespace_as_the_view_group_and_tells_subscribers()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("c1"), null, default);
        using var portal = Kube.Portal();
        using var caches = Caches(portal.Kube, ns => new Impersonation("hikube-portal:bucket-watch", $"{ns}-view"));
        var changes = Channel.CreateUnbounded<string>();

        var cache = await caches.OpenSyncedAsync(tenant.Namespace, default);
        using var subscription = cache.Subscribe(c =>
        {
            if (c.Bucket is not null)
            {
                changes.Writer.TryWrite($"{c.Type} {c.Bucket.Name}");
            }
        });
        Assert.Equal(["c1"], cache.Buckets.Select(b => b.Name));
        await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("c2"), null, default);
        using var stop = new CancellationTokenSource(Patience);

        Assert.Equal("Added c2", await changes.Reader.ReadAsync(stop.Token));
        Assert.Equal(["c1", "c2"], cache.Buckets.Select(b => b.Name));
        Assert.Null(cache.Error);
        Assert.Equal(1, caches.OpenCount);
    }

    [Fact]
    public async Task A_cache_whose_identity_may_not_list_says_so_instead_of_hanging()
    {
        await using var tenant = await TestTenant.CreateAsync();
        using var portal = Kube.Portal();
        using var caches = Caches(portal.Kube, _ => new Impersonation("nobody@example.com", "tenant-somewhere-else-view"));

        var error = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => caches.OpenSyncedAsync(tenant.Namespace, default));

        Assert.Contains("nobody@example.com", error.Message, StringComparison.Ordinal);
    }

    private static BucketWatchCaches Caches(IKubernetes kube, WatchIdentity identity) =>
        new(kube, identity, Microsoft.Extensions.Options.Options.Create(new KubernetesOptions { RequestTimeout = TimeSpan.FromSeconds(10) }),
            TimeProvider.System, NullLoggerFactory.Instance);

    /// <summary>Sends the first watch request of a client with resourceVersion=1 (as if the loop had been away for long).</summary>
    private sealed class StaleFirstWatch : DelegatingHandler
    {
        private int _watches;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.Query.Contains("watch=true", StringComparison.Ordinal) && Interlocked.Increment(ref _watches) == 1)
            {
                var query = string.Join('&', uri.Query.TrimStart('?').Split('&').Select(p => p.StartsWith("resourceVersion=", StringComparison.Ordinal) ? "resourceVersion=1" : p));
                request.RequestUri = new UriBuilder(uri) { Query = query }.Uri;
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}

[CollectionDefinition(nameof(ApiserverRestartGroup), DisableParallelization = true)]
public sealed class ApiserverRestartGroup;

/// <summary>Restarts the apiserver: runs alone, after the parallel tests.</summary>
[Collection(nameof(ApiserverRestartGroup))]
public sealed class WatchRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_loop_and_the_cache_resume_after_an_apiserver_restart()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("before"), null, default);
        var events = await Watching.StartAsync(tenant.Admin.Kube, tenant.Namespace, TimeSpan.FromMinutes(20)); // the restart may wait for a kube build lock
        using var portal = Kube.Portal();
        using var caches = new BucketWatchCaches(portal.Kube, ns => new Impersonation("hikube-portal:bucket-watch", $"{ns}-view"),
            Microsoft.Extensions.Options.Options.Create(new KubernetesOptions()), TimeProvider.System, NullLoggerFactory.Instance);
        var cache = await caches.OpenSyncedAsync(tenant.Namespace, default);
        var restartsBefore = Metrics.Restarts;

        Assert.Equal("Added before", await events.NextAsync());
        Assert.Equal("Synced", await events.NextAsync());

        await PlatformScript.RunAsync(output, "restart", "apiserver");
        Assert.True(await Kube.EventuallyAsync(async () =>
        {
            try
            {
                await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("after"), null, default);
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

        Assert.Equal("Added after", await events.NextMatchingAsync("after"));
        Assert.True(await Kube.EventuallyAsync(() => Task.FromResult(cache.Find("after") is not null), TimeSpan.FromSeconds(60)), "the cache never saw the bucket made after the restart");
        output.WriteLine($"watch restarts counted: {Metrics.Restarts - restartsBefore}; cache error now: {cache.Error?.Message ?? "none"}");
        Assert.True(Metrics.Restarts > restartsBefore);
        await events.DisposeAsync();
    }
}

/// <summary>A running <see cref="ListWatch{T}"/> of Buckets whose events a test reads one by one ("Added x", "Synced").</summary>
internal sealed class Watching : IAsyncDisposable
{
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop;
    private Task _loop = Task.CompletedTask;

    private Watching(TimeSpan patience) => _stop = new CancellationTokenSource(patience);

    public static Task<Watching> StartAsync(IKubernetes kube, string ns, TimeSpan? patience = null)
    {
        var watching = new Watching(patience ?? TimeSpan.FromSeconds(60));
        var loop = new ListWatch<Bucket>(kube, Bucket.Resource, ns, new ListWatchOptions { InitialBackoff = TimeSpan.FromMilliseconds(200) }, NullLogger.Instance, TimeProvider.System);
        watching._loop = Task.Run(() => loop.RunAsync(e =>
        {
            watching._events.Writer.TryWrite($"{e.Type} {e.Object?.Name}".Trim());
            return ValueTask.CompletedTask;
        }, onError: null, onRecovered: null, watching._stop.Token));
        return Task.FromResult(watching);
    }

    public async Task<string> NextAsync() => await _events.Reader.ReadAsync(_stop.Token);

    public async Task<string> NextMatchingAsync(string name)
    {
        while (true)
        {
            var item = await NextAsync();
            if (item.EndsWith(" " + name, StringComparison.Ordinal))
            {
                return item;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}

/// <summary>Reads the watch loops' counters as an exporter would (process-wide, so tests compare before and after).</summary>
internal static class Metrics
{
    private static long _relists;
    private static long _restarts;
    private static readonly System.Diagnostics.Metrics.MeterListener Listener = Start();

    public static long Relists => Interlocked.Read(ref _relists);

    public static long Restarts => Interlocked.Read(ref _restarts);

    private static System.Diagnostics.Metrics.MeterListener Start()
    {
        var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == KubernetesMetrics.MeterName && instrument.Name.StartsWith("hikube_portal.kubernetes.watch.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument == KubernetesMetrics.Relists)
            {
                Interlocked.Add(ref _relists, value);
            }
            else if (instrument == KubernetesMetrics.WatchRestarts)
            {
                Interlocked.Add(ref _restarts, value);
            }
        });
        listener.Start();
        return listener;
    }
}
