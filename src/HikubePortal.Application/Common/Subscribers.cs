using System.Collections.Immutable;

namespace HikubePortal.Application.Common;

/// <summary>
/// In-process handlers per key: subscribe until disposed, publish to those of one key. A failing handler is reported
/// to <c>onFailure</c> and does not stop the others. Thread-safe; publishing takes no lock.
/// </summary>
internal sealed class Subscribers<TKey, TEvent>(Action<Exception, TKey> onFailure)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<TKey, ImmutableList<Action<TEvent>>> _handlers = ImmutableDictionary<TKey, ImmutableList<Action<TEvent>>>.Empty;

    public IDisposable Subscribe(TKey key, Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = _handlers.SetItem(key, _handlers.GetValueOrDefault(key, []).Add(handler));
        }
        return new Subscription(this, key, handler);
    }

    /// <summary>Whether anyone listens to <paramref name="key"/> (to skip building an event nobody reads).</summary>
    public bool Any(TKey key) => _handlers.ContainsKey(key);

    public int Count(TKey key) => _handlers.GetValueOrDefault(key, []).Count;

    public void Publish(TKey key, TEvent value)
    {
        if (!_handlers.TryGetValue(key, out var handlers))
        {
            return;
        }
        foreach (var handler in handlers)
        {
            try
            {
                handler(value);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                onFailure(ex, key);
            }
        }
    }

    private void Unsubscribe(TKey key, Action<TEvent> handler)
    {
        lock (_gate)
        {
            var left = _handlers.GetValueOrDefault(key, []).Remove(handler);
            _handlers = left.IsEmpty ? _handlers.Remove(key) : _handlers.SetItem(key, left);
        }
    }

    private sealed class Subscription(Subscribers<TKey, TEvent> owner, TKey key, Action<TEvent> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(key, handler);
            }
        }
    }
}
