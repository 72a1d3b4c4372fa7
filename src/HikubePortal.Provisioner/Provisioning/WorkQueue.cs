namespace HikubePortal.Provisioner.Provisioning;

/// <summary>
/// A work queue with the semantics of client-go's: a key waits at most once; a key added while
/// it is being processed is processed again after <see cref="Done"/> (never twice at the same
/// time); failures requeue after an exponential backoff until <see cref="Forget"/>.
/// </summary>
internal sealed class WorkQueue<T> : IDisposable where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _queued = [];
    private readonly HashSet<T> _processing = [];
    private readonly HashSet<T> _dirty = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly Dictionary<T, Delayed> _delayed = [];
    private readonly SemaphoreSlim _ready = new(0);
    private readonly TimeProvider _time;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private bool _disposed;

    public WorkQueue(TimeProvider time, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        _time = time;
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    /// <summary>Keys waiting to be taken.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> now (no-op if it waits already).</summary>
    public void Add(T key)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }

            if (!_queued.Add(key))
            {
                return;
            }

            _queue.Enqueue(key);
        }

        _ready.Release();
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/>; an earlier pending delay wins.</summary>
    public void AddAfter(T key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var token = new object();
            var timer = _time.CreateTimer(_ => Fire(key, token), null, delay, Timeout.InfiniteTimeSpan);
            _delayed[key] = new Delayed(due, timer, token);
        }
    }

    /// <summary>Records one more failure of <paramref name="key"/> and queues it after the backoff; answers the delay.</summary>
    public TimeSpan AddRateLimited(T key)
    {
        TimeSpan delay;
        lock (_gate)
        {
            var failures = _failures.GetValueOrDefault(key) + 1;
            _failures[key] = failures;
            delay = Backoff(failures, _baseDelay, _maxDelay);
        }

        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears the failure count of <paramref name="key"/> (it succeeded, or is gone).</summary>
    public void Forget(T key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    public int Failures(T key)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Waits for a key; the caller owns it until <see cref="Done"/>.</summary>
    public async Task<T> TakeAsync(CancellationToken cancellationToken)
    {
        await _ready.WaitAsync(cancellationToken);
        lock (_gate)
        {
            var key = _queue.Dequeue();
            _queued.Remove(key);
            _processing.Add(key);
            return key;
        }
    }

    /// <summary>Ends the processing of <paramref name="key"/>; queues it again if it changed meanwhile.</summary>
    public void Done(T key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            if (!_dirty.Remove(key) || _disposed || !_queued.Add(key))
            {
                return;
            }

            _queue.Enqueue(key);
        }

        _ready.Release();
    }

    /// <summary><paramref name="baseDelay"/> doubled per failure after the first, at most <paramref name="maxDelay"/>.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var pending in _delayed.Values)
            {
                pending.Timer.Dispose();
            }

            _delayed.Clear();
        }

        // _ready is left undisposed: a late Add from a timer or watch may still release it.
    }

    private void Fire(T key, object token)
    {
        lock (_gate)
        {
            if (!_delayed.TryGetValue(key, out var pending) || !ReferenceEquals(pending.Token, token))
            {
                return;
            }

            _delayed.Remove(key);
            pending.Timer.Dispose();
        }

        Add(key);
    }

    private sealed record Delayed(DateTimeOffset Due, ITimer Timer, object Token);
}
