using System.Collections.Concurrent;
using System.Diagnostics;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace HikubePortal.Bench.Provisioner;

/// <summary>Watches the Buckets of one namespace and notes, on a shared stopwatch, when each first reports Ready=True.</summary>
internal sealed class ReadyWatcher(IKubernetes kube, string ns, Stopwatch clock) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TimeSpan>> _ready = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _watch;

    public void Start() => _watch = WatchAsync(_stop.Token);

    /// <summary>When <paramref name="name"/> became Ready (on the shared clock).</summary>
    public Task<TimeSpan> ReadyAsync(string name) => Slot(name).Task;

    private TaskCompletionSource<TimeSpan> Slot(string name) =>
        _ready.GetOrAdd(name, _ => new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var watch = new ListWatch<Bucket>(kube, Bucket.Resource, ns, new ListWatchOptions(), NullLogger.Instance, TimeProvider.System);
            await watch.RunAsync(change =>
            {
                if (change.Object is { } bucket && bucket.Status?.Find("Ready") is { IsTrue: true })
                {
                    Slot(bucket.Name).TrySetResult(clock.Elapsed);
                }
                return ValueTask.CompletedTask;
            }, onError: null, onRecovered: null, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watch is not null)
        {
            await _watch;
        }

        _stop.Dispose();
    }
}
