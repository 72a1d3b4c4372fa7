using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Progress of bucket jobs, pushed in-process from the runner to the pages that follow them (one replica: a page
/// served by another replica than the one running the job does not hear of it here, see
/// <see cref="IBucketJobService.FollowAsync"/>).
/// </summary>
internal sealed partial class BucketJobEvents(ILogger<BucketJobEvents> logger)
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<Guid, ImmutableList<Action<BucketJobView>>> _followers = ImmutableDictionary<Guid, ImmutableList<Action<BucketJobView>>>.Empty;

    /// <summary>Calls <paramref name="handler"/> with every change of job <paramref name="id"/> until disposed.</summary>
    public IDisposable Subscribe(Guid id, Action<BucketJobView> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _followers = _followers.SetItem(id, _followers.GetValueOrDefault(id, []).Add(handler));
        }
        return new Subscription(this, id, handler);
    }

    /// <summary>Tells the followers of <paramref name="job"/> where it is now; never throws.</summary>
    public void Publish(BucketJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_followers.TryGetValue(job.Id, out var handlers))
        {
            return;
        }
        var view = BucketJobView.From(job);
        foreach (var handler in handlers)
        {
            try
            {
                handler(view);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFollowerFailed(logger, ex, job.Id);
            }
        }
    }

    internal int FollowerCount(Guid id) => _followers.GetValueOrDefault(id, []).Count;

    private void Unsubscribe(Guid id, Action<BucketJobView> handler)
    {
        lock (_gate)
        {
            var left = _followers.GetValueOrDefault(id, []).Remove(handler);
            _followers = left.IsEmpty ? _followers.Remove(id) : _followers.SetItem(id, left);
        }
    }

    private sealed class Subscription(BucketJobEvents events, Guid id, Action<BucketJobView> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                events.Unsubscribe(id, handler);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A follower of bucket job {JobId} failed")]
    private static partial void LogFollowerFailed(ILogger logger, Exception exception, Guid jobId);
}
