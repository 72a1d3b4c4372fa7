using System.Collections.Concurrent;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Kubernetes.Watching;

/// <summary>Who a tenant namespace's bucket watch runs as (the tenant's <c>view</c> group), or null for the portal's own account.</summary>
public delegate Impersonation? WatchIdentity(string @namespace);

/// <summary>
/// One shared <see cref="TenantBucketCache"/> per tenant namespace (a list-then-watch of its Buckets and one of its
/// Workloads), started when a page of that tenant first needs it
/// and stopped when no page has used it for <see cref="KubernetesOptions.WatchIdleTimeout"/> (and none listens).
/// </summary>
public sealed partial class BucketWatchCaches(
    IKubernetes kube,
    WatchIdentity identity,
    IOptions<KubernetesOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Lazy<Running>> _caches = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger<BucketWatchCaches>();
    private CancellationToken _stopping = CancellationToken.None;

    /// <summary>How many caches are open.</summary>
    public int OpenCount => _caches.Count;

    /// <summary>The cache of <paramref name="ns"/>, started if it is not running (it may not be synced yet).</summary>
    public TenantBucketCache Open(string ns)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        var cache = _caches.GetOrAdd(ns, n => new Lazy<Running>(() => Start(n))).Value.Cache;
        cache.Touch();
        return cache;
    }

    /// <summary>The cache of <paramref name="ns"/>, once it holds the first list (see <see cref="TenantBucketCache.WaitSyncedAsync"/>).</summary>
    public async Task<TenantBucketCache> OpenSyncedAsync(string ns, CancellationToken cancellationToken)
    {
        var cache = Open(ns);
        // A page waits for the first list as long as for any read: a paused API server is said in words, not waited out.
        await cache.WaitSyncedAsync(options.Value.ReadTimeout, cancellationToken);
        return cache;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var idle = options.Value.WatchIdleTimeout;
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(idle.Ticks / 4, TimeSpan.FromSeconds(1).Ticks)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                StopIdle(time.GetUtcNow() - idle);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        foreach (var ns in _caches.Keys)
        {
            await StopAsync(ns);
        }
    }

    /// <summary>Stops the caches nobody listens to and nobody used since <paramref name="unusedSince"/>.</summary>
    internal void StopIdle(DateTimeOffset unusedSince)
    {
        foreach (var (ns, entry) in _caches)
        {
            var cache = entry.Value.Cache;
            if (cache.SubscriberCount == 0 && cache.LastUsed < unusedSince)
            {
                _ = StopAsync(ns);
            }
        }
    }

    private async Task StopAsync(string ns)
    {
        if (!_caches.TryRemove(ns, out var entry))
        {
            return;
        }
        var running = entry.Value;
        await running.Stop.CancelAsync();
        try
        {
            await running.Loop;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        running.Stop.Dispose();
        KubernetesMetrics.WatchCaches.Add(-1);
        LogStopped(_logger, ns);
    }

    private Running Start(string ns)
    {
        var logger = loggers.CreateLogger<TenantBucketCache>();
        var cache = new TenantBucketCache(ns, logger, time);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        var settings = new ListWatchOptions { Impersonate = identity(ns) };
        var watch = new ListWatch<Bucket>(kube, Bucket.Resource, ns, settings, logger, time);
        var loop = Task.Run(() => watch.RunAsync(cache.ApplyAsync, cache.Fail, cache.Recover, stop.Token), CancellationToken.None);
        // The sizes: a failure here (a platform without Workloads, a role without them) only leaves them unknown; ListWatch logs it.
        var workloads = new ListWatch<Workload>(kube, Workload.Resource, ns, settings, logger, time);
        var usage = Task.Run(() => workloads.RunAsync(cache.ApplyWorkloadAsync, onError: null, onRecovered: null, stop.Token), CancellationToken.None);
        KubernetesMetrics.WatchCaches.Add(1);
        LogStarted(_logger, ns);
        return new Running(cache, stop, Task.WhenAll(loop, usage));
    }

    public override void Dispose()
    {
        foreach (var entry in _caches.Values.Where(e => e.IsValueCreated))
        {
            entry.Value.Stop.Cancel();
            entry.Value.Stop.Dispose();
        }
        base.Dispose();
    }

    private sealed record Running(TenantBucketCache Cache, CancellationTokenSource Stop, Task Loop);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket cache of {Namespace} started")]
    private static partial void LogStarted(ILogger logger, string @namespace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket cache of {Namespace} stopped (unused)")]
    private static partial void LogStopped(ILogger logger, string @namespace);
}
