using System.Collections.Concurrent;
using System.Collections.Immutable;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Kubernetes.Watching;

/// <summary>A change of a tenant's buckets: one bucket added, changed or deleted, or the cache's state (synced, failing).</summary>
/// <param name="Type">What happened; <see cref="ResourceEventType.Synced"/> also stands for "the state changed".</param>
/// <param name="Bucket">The bucket (null for state changes).</param>
public sealed record BucketCacheChange(ResourceEventType Type, Bucket? Bucket);

/// <summary>
/// The Buckets of one tenant namespace as a shared, always-current snapshot fed by one <see cref="ListWatch{T}"/>, with
/// the Workloads the platform writes about them (their size) fed by a second one: pages read it instead of listing, and
/// subscribe to hear about every change. Opened and closed by <see cref="BucketWatchCaches"/>.
/// </summary>
public sealed partial class TenantBucketCache
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, Bucket> _buckets = ImmutableDictionary.Create<string, Bucket>(StringComparer.Ordinal);
    private ImmutableDictionary<string, Workload> _workloads = ImmutableDictionary.Create<string, Workload>(StringComparer.Ordinal);
    private ImmutableList<Action<BucketCacheChange>> _subscribers = [];
    private long _lastUsedTicks;
    private long _revision;
    private readonly ConcurrentDictionary<Type, DerivedView> _derived = new();

    internal TenantBucketCache(string ns, ILogger logger, TimeProvider time)
    {
        Namespace = ns;
        _logger = logger;
        _time = time;
        Touch();
    }

    /// <summary>The tenant namespace.</summary>
    public string Namespace { get; }

    /// <summary>Every bucket of the namespace, as last seen (sorted by name).</summary>
    public IReadOnlyList<Bucket> Buckets => [.. _buckets.Values.OrderBy(b => b.Name, StringComparer.Ordinal)];

    /// <summary>Goes up with every change subscribers hear of: a reader that saw revision N missed nothing while it is still N.</summary>
    public long Revision => Interlocked.Read(ref _revision);

    /// <summary>How many buckets the namespace has.</summary>
    public int Count => _buckets.Count;

    /// <summary>True once the first list arrived: from then on the snapshot follows the cluster.</summary>
    public bool IsSynced => _synced.Task.IsCompleted;

    /// <summary>The last failure to list or watch, null once the cache is in step again.</summary>
    public KubernetesException? Error { get; private set; }

    /// <summary>Since when the cache has been failing (null when it is not).</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    internal DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    internal int SubscriberCount => _subscribers.Count;

    /// <summary>
    /// A view computed from the cache (e.g. the rows of a list page), kept until the next change: every reader at the
    /// same <see cref="Revision"/> gets the same instance instead of computing it again. <paramref name="build"/> must
    /// read only the cache, and the view must not be changed by its readers.
    /// </summary>
    public T Derive<T>(Func<TenantBucketCache, T> build)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(build);
        var revision = Revision; // before the build: a change meanwhile leaves a newer revision, so a view never outlives it
        if (_derived.TryGetValue(typeof(T), out var kept) && kept.Revision == revision)
        {
            return (T)kept.View;
        }
        var view = build(this);
        _derived[typeof(T)] = new DerivedView(revision, view);
        return view;
    }

    /// <summary>The bucket named <paramref name="name"/>, or null.</summary>
    public Bucket? Find(string name) => _buckets.GetValueOrDefault(name);

    /// <summary>The Workload the platform reports bucket <paramref name="bucket"/> with (its size), or null when there is none (yet).</summary>
    public Workload? WorkloadOf(string bucket) => _workloads.GetValueOrDefault(bucket);

    /// <summary>
    /// Waits until the first list arrived. When the first attempt failed instead (Forbidden, Unavailable...), throws that
    /// failure at once (the cache keeps trying in the background); when nothing answered within
    /// <paramref name="timeout"/>, throws <see cref="KubernetesUnavailableException"/>.
    /// </summary>
    public async Task WaitSyncedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Touch();
        if (!IsSynced)
        {
            try
            {
                await _firstAnswer.Task.WaitAsync(timeout, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new KubernetesUnavailableException($"list buckets in {Namespace}: no answer from the API server within {timeout.TotalSeconds:0.#} s")
                {
                    NotAnswering = true,
                };
            }
        }
        if (!IsSynced && Error is { } error)
        {
            throw error;
        }
    }

    /// <summary>Calls <paramref name="handler"/> for every change until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<BucketCacheChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _subscribers = _subscribers.Add(handler);
        }
        Touch();
        return new Subscription(this, handler);
    }

    internal void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _time.GetUtcNow().UtcTicks);

    internal ValueTask ApplyAsync(ResourceEvent<Bucket> change)
    {
        switch (change.Type)
        {
            case ResourceEventType.Added or ResourceEventType.Modified:
                _buckets = _buckets.SetItem(change.Object!.Name, change.Object);
                break;
            case ResourceEventType.Deleted:
                _buckets = _buckets.Remove(change.Object!.Name);
                break;
            default: // Synced: the list is complete (a failure before it was cleared by Recover)
                _synced.TrySetResult();
                _firstAnswer.TrySetResult();
                break;
        }
        Publish(new BucketCacheChange(change.Type, change.Object));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A bucket's Workload added, changed or gone. Subscribers hear of it only when what it reports changed and the bucket
    /// is known; the Workloads' own list and failures are not the cache's state (sizes are just not shown meanwhile).
    /// </summary>
    internal ValueTask ApplyWorkloadAsync(ResourceEvent<Workload> change)
    {
        if (Workload.BucketOf(change.Object?.Name) is not { } bucket)
        {
            return ValueTask.CompletedTask;
        }
        var before = _workloads.GetValueOrDefault(bucket);
        Workload? after = change.Type == ResourceEventType.Deleted ? null : change.Object;
        _workloads = after is null ? _workloads.Remove(bucket) : _workloads.SetItem(bucket, after);
        if (!SameReport(before, after) && _buckets.GetValueOrDefault(bucket) is { } known)
        {
            Publish(new BucketCacheChange(ResourceEventType.Modified, known));
        }
        return ValueTask.CompletedTask;
    }

    private static bool SameReport(Workload? a, Workload? b) =>
        a?.Status?.Operational == b?.Status?.Operational
        && a?.Status?.Amount(WorkloadStatus.StorageBytes) == b?.Status?.Amount(WorkloadStatus.StorageBytes)
        && a?.Status?.Amount(WorkloadStatus.PhysicalStorageBytes) == b?.Status?.Amount(WorkloadStatus.PhysicalStorageBytes);

    internal void Recover()
    {
        if (Error is null)
        {
            return;
        }
        Error = null;
        FailingSince = null;
        LogRecovered(_logger, Namespace);
        Publish(new BucketCacheChange(ResourceEventType.Synced, null));
    }

    internal void Fail(KubernetesException error)
    {
        FailingSince ??= _time.GetUtcNow();
        Error = error;
        _firstAnswer.TrySetResult();
        Publish(new BucketCacheChange(ResourceEventType.Synced, null));
    }

    private void Publish(BucketCacheChange change)
    {
        Interlocked.Increment(ref _revision);
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSubscriberFailed(_logger, ex, Namespace);
            }
        }
    }

    private void Unsubscribe(Action<BucketCacheChange> handler)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(handler);
        }
        Touch();
    }

    private sealed class Subscription(TenantBucketCache cache, Action<BucketCacheChange> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                cache.Unsubscribe(handler);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket cache of {Namespace} is in step with the cluster again")]
    private static partial void LogRecovered(ILogger logger, string @namespace);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber of the bucket cache of {Namespace} failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, string @namespace);
}

/// <summary>A view of a <see cref="TenantBucketCache"/> at one revision.</summary>
internal sealed record DerivedView(long Revision, object View);
