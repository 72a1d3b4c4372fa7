namespace HikubePortal.Application.Buckets;

/// <summary>
/// Follows one job for a page: every state the replica running it publishes (<see cref="BucketJobEvents"/>), and, for
/// a job running on another replica, what the database says every <see cref="RereadInterval"/>. Hands each new state
/// to the page once, in order of <see cref="BucketJobView.UpdatedAt"/>; stops after the job ended or when disposed.
/// </summary>
internal sealed class BucketJobWatch : IAsyncDisposable
{
    public static readonly TimeSpan RereadInterval = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<BucketJobView> _onChange;
    private IDisposable? _subscription;
    private Task _reread = Task.CompletedTask;
    private BucketJobView _last;

    private BucketJobWatch(BucketJobView initial, Action<BucketJobView> onChange) => (_last, _onChange) = (initial, onChange);

    public static BucketJobWatch Start(BucketJobView initial, BucketJobEvents events, IBucketJobStore store, Action<BucketJobView> onChange)
    {
        var watch = new BucketJobWatch(initial, onChange);
        watch._subscription = events.Subscribe(initial.Id, watch.Offer);
        watch._reread = watch.RereadAsync(store);
        return watch;
    }

    private void Offer(BucketJobView view)
    {
        lock (_gate)
        {
            var newer = Rank(view.State) > Rank(_last.State) || (view.State == _last.State && view.UpdatedAt > _last.UpdatedAt);
            if (!newer || !_last.IsActive)
            {
                return;
            }
            _last = view;
        }
        _onChange(view);
    }

    private async Task RereadAsync(IBucketJobStore store)
    {
        try
        {
            using var timer = new PeriodicTimer(RereadInterval);
            while (_last.IsActive && await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    if (await store.GetAsync(_last.Id, _stop.Token) is { } job)
                    {
                        Offer(BucketJobView.From(job));
                    }
                }
                catch (System.Data.Common.DbException)
                {
                    // the database is away for a moment: the next tick tries again
                }
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    private static int Rank(BucketJobState state) => state switch
    {
        BucketJobState.Queued => 0,
        BucketJobState.Running => 1,
        _ => 2,
    };

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        await _reread;
        _stop.Dispose();
    }
}
