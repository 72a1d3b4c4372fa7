using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes.Watching;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Tells an open page when a tenant's buckets change on the cluster, whoever changed them (another user, kubectl, the
/// platform): pushed from the tenant's shared watch cache, never polled.
/// </summary>
public interface IBucketUpdates
{
    /// <summary>
    /// Calls <paramref name="changed"/> after each change of the tenant's buckets (of bucket <paramref name="bucket"/> only,
    /// when given), of their reported sizes, and when the portal stops or starts following the cluster again; changes that
    /// arrive together are told once. With <paramref name="seenRevision"/> (a <see cref="BucketListPage.Revision"/> the page
    /// shows), a change made since is told at once. Role view (checked now; the page's reads check again). Dispose to stop.
    /// </summary>
    Task<IDisposable> SubscribeAsync(string tenant, string? bucket, long? seenRevision, Func<Task> changed, CancellationToken cancellationToken);
}

internal sealed partial class BucketUpdates(
    TenantScopes scopes, BucketWatchCaches caches, TimeProvider time, ILogger<BucketUpdates> logger) : IBucketUpdates
{
    /// <summary>How long changes are gathered before a page hears of them.</summary>
    internal static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(100);

    public async Task<IDisposable> SubscribeAsync(string tenant, string? bucket, long? seenRevision, Func<Task> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var scope = await scopes.OpenAsync(tenant, TenantRole.View, cancellationToken);
        var listener = new Listener(changed, time, logger);
        var cache = caches.Open(scope.Namespace);
        var subscription = cache.Subscribe(change =>
        {
            if (bucket is null || change.Bucket is null || change.Bucket.Name == bucket)
            {
                listener.Signal();
            }
        });
        if (seenRevision is { } seen && cache.Revision != seen)
        {
            listener.Signal();
        }
        return listener.With(subscription);
    }

    /// <summary>Gathers signals for <see cref="Gathering"/> and tells the page once; never blocks the watch.</summary>
    private sealed class Listener : IDisposable
    {
        private readonly Func<Task> _changed;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationToken _stopping;
        private IDisposable? _subscription;
        private int _pending;

        public Listener(Func<Task> changed, TimeProvider time, ILogger logger)
        {
            _changed = changed;
            _time = time;
            _logger = logger;
            _stopping = _stop.Token;
        }

        public Listener With(IDisposable subscription)
        {
            _subscription = subscription;
            return this;
        }

        public void Signal()
        {
            if (Interlocked.Exchange(ref _pending, 1) == 0 && !_stopping.IsCancellationRequested)
            {
                _ = TellAsync(_stopping);
            }
        }

        private async Task TellAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Gathering, _time, cancellationToken);
                Interlocked.Exchange(ref _pending, 0);
                await _changed();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the page went away
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogListenerFailed(_logger, ex);
            }
        }

        public void Dispose()
        {
            _subscription?.Dispose();
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page failed to take a bucket change")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception);
}
