using System.Collections.Concurrent;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;
using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>
/// Watches Buckets in all namespaces (<see cref="ListWatch{T}"/>: list then watch, resumed after disconnects,
/// listed again after 410 Gone), queues changed ones by namespace/name and reconciles them with bounded
/// concurrency, one reconcile per Bucket at a time. Failures come back after a growing backoff;
/// every Bucket is reconciled again each <see cref="ProvisionerOptions.ResyncInterval"/>.
/// </summary>
internal sealed partial class BucketController(
    IKubernetes kube,
    BucketReconciler reconciler,
    UsageReporter usage,
    IOptions<ProvisionerOptions> options,
    TimeProvider time,
    ILogger<BucketController> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<BucketKey, long?> _known = new();
    private readonly ConcurrentDictionary<BucketKey, Bucket> _latest = new();

    /// <summary>Set when the first full list of Buckets has been queued.</summary>
    public bool Synced { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var queue = new WorkQueue<BucketKey>(time, settings.RetryBaseDelay, settings.RetryMaxDelay);
        LogStarting(logger, settings.Concurrency, settings.ResyncInterval, settings.LabelSelector);
        var tasks = new List<Task>
        {
            WatchAsync(queue, stoppingToken),
            ResyncAsync(queue, settings.ResyncInterval, stoppingToken),
            ReportUsageAsync(settings.UsageInterval, stoppingToken),
        };
        tasks.AddRange(Enumerable.Range(0, settings.Concurrency).Select(_ => WorkAsync(queue, stoppingToken)));
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task WatchAsync(WorkQueue<BucketKey> queue, CancellationToken stoppingToken)
    {
        // The loop retries every failure itself (API server down or restarted, a transient 403 while its RBAC
        // loads, 410 Gone): it only reports them, and ends when the provisioner stops.
        var watch = new ListWatch<Bucket>(kube, Bucket.Resource, ns: null, new ListWatchOptions { LabelSelector = options.Value.LabelSelector }, logger, time);
        try
        {
            await watch.RunAsync(change =>
            {
                Observe(queue, change);
                return ValueTask.CompletedTask;
            }, onError: null, onRecovered: null, stoppingToken); // ListWatch logs each failure
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private void Observe(WorkQueue<BucketKey> queue, ResourceEvent<Bucket> change)
    {
        if (change.Type == ResourceEventType.Synced)
        {
            if (!Synced)
            {
                Synced = true;
                LogSynced(logger, _known.Count);
            }

            return;
        }

        var bucket = change.Object!;
        var key = new BucketKey(bucket.Namespace, bucket.Name);
        if (change.Type == ResourceEventType.Deleted)
        {
            _known.TryRemove(key, out _);
            _latest.TryRemove(key, out _);
            usage.Forget(key);
            queue.Forget(key);
            return;
        }

        _latest[key] = bucket;

        // Status writes (ours) change neither the generation nor the deletion: they need no reconcile.
        var generation = bucket.Metadata.Generation;
        var seen = _known.TryGetValue(key, out var known);
        _known[key] = generation;
        if (change.Type == ResourceEventType.Added || !seen || known != generation || bucket.Metadata.DeletionTimestamp is not null
            || !(bucket.Metadata.Finalizers?.Contains(BucketNaming.Finalizer) ?? false))
        {
            queue.Add(key);
        }
    }

    private async Task ResyncAsync(WorkQueue<BucketKey> queue, TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var key in _known.Keys)
            {
                queue.Add(key);
            }
        }
    }

    /// <summary>Every <paramref name="interval"/>, the Workloads (sizes) of all Buckets seen, from one radosgw stats call.</summary>
    private async Task ReportUsageAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await usage.ReportAllAsync([.. _latest.Values], stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogUsageFailed(logger, BucketReconciler.Explain(e)?.Reason ?? e.GetType().Name, e.Message);
            }
        }
    }

    private async Task WorkAsync(WorkQueue<BucketKey> queue, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var key = await queue.TakeAsync(stoppingToken);
            try
            {
                if (await reconciler.ReconcileAsync(key, stoppingToken) == ReconcileResult.Retry)
                {
                    var delay = queue.AddRateLimited(key);
                    LogRetry(logger, key, delay);
                }
                else
                {
                    queue.Forget(key);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var delay = queue.AddRateLimited(key);
                LogReconcileError(logger, e, key, delay);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket provisioner starting: {Concurrency} workers, resync every {Resync}, Buckets matching {Selector}")]
    private static partial void LogStarting(ILogger logger, int concurrency, TimeSpan resync, string selector);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage pass failed ({Reason}): {Error}; next pass in one interval")]
    private static partial void LogUsageFailed(ILogger logger, string reason, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Initial list done: {Buckets} Bucket(s) queued")]
    private static partial void LogSynced(ILogger logger, int buckets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket {Bucket} will be retried in {Delay}")]
    private static partial void LogRetry(ILogger logger, BucketKey bucket, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling Bucket {Bucket} failed; retry in {Delay}")]
    private static partial void LogReconcileError(ILogger logger, Exception exception, BucketKey bucket, TimeSpan delay);
}
