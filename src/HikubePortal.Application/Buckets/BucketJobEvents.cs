using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Progress of bucket jobs as it happens, for the pages that show it: the replica running a job publishes each report
/// and the outcome; pages subscribe to one job. Jobs run on any replica, so a subscriber also reads the job again
/// from the database now and then (see <see cref="BucketJobWatch"/>); nothing is lost when a publish is missed.
/// </summary>
public sealed class BucketJobEvents
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Action<BucketJobView>>> _subscribers = new();

    /// <summary>Calls <paramref name="handler"/> with every published state of job <paramref name="id"/> until disposed.</summary>
    public IDisposable Subscribe(Guid id, Action<BucketJobView> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _subscribers.AddOrUpdate(id, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(this, id, handler);
    }

    /// <summary>Tells the subscribers of the job its new state.</summary>
    public void Publish(BucketJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_subscribers.TryGetValue(job.Id, out var handlers) || handlers.IsEmpty)
        {
            return;
        }
        var view = BucketJobView.From(job);
        foreach (var handler in handlers)
        {
            handler(view);
        }
    }

    internal int SubscriberCount(Guid id) => _subscribers.TryGetValue(id, out var list) ? list.Count : 0;

    private void Unsubscribe(Guid id, Action<BucketJobView> handler)
    {
        var remaining = _subscribers.AddOrUpdate(id, _ => [], (_, list) => list.Remove(handler));
        if (remaining.IsEmpty)
        {
            _subscribers.TryRemove(new KeyValuePair<Guid, ImmutableList<Action<BucketJobView>>>(id, remaining));
        }
    }

    private sealed class Subscription(BucketJobEvents owner, Guid id, Action<BucketJobView> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(id, handler);
            }
        }
    }
}
