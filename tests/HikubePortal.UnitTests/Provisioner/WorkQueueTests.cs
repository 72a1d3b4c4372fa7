using HikubePortal.Provisioner.Provisioning;

namespace HikubePortal.UnitTests.Provisioner;

public sealed class WorkQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static WorkQueue<string> Queue(TimeProvider time) => new(time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_key_added_twice_waits_once()
    {
        using var queue = Queue(TimeProvider.System);

        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_not_handed_out_again_until_done()
    {
        using var queue = Queue(TimeProvider.System);
        queue.Add("a");
        var taken = await queue.TakeAsync(CancellationToken.None);

        queue.Add("a");
        queue.Add("a");

        Assert.Equal(0, queue.Count);
        queue.Done(taken);
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_key_not_touched_while_processing_is_not_requeued_by_done()
    {
        using var queue = Queue(TimeProvider.System);
        queue.Add("a");
        queue.Done(await queue.TakeAsync(CancellationToken.None));

        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void A_delayed_key_waits_until_its_time()
    {
        var time = new ManualTimeProvider(Start);
        using var queue = Queue(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void The_earlier_of_two_delays_wins()
    {
        var time = new ManualTimeProvider(Start);
        using var queue = Queue(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));

        Assert.Equal(1, time.PendingTimers);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Failures_back_off_exponentially_up_to_the_maximum_until_forgotten()
    {
        var time = new ManualTimeProvider(Start);
        using var queue = Queue(time);

        var delays = Enumerable.Range(0, 7).Select(_ => queue.AddRateLimited("a")).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays.Select(d => d.TotalSeconds));
        Assert.Equal(7, queue.Failures("a"));
        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
        Assert.Equal(TimeSpan.FromSeconds(1), queue.AddRateLimited("a"));
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(40, 5000)]
    [InlineData(int.MaxValue, 5000)]
    public void Backoff_doubles_and_caps(int failures, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs),
            WorkQueue<string>.Backoff(failures, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)));

    [Fact]
    public async Task Take_waits_for_an_add()
    {
        using var queue = Queue(TimeProvider.System);
        var take = queue.TakeAsync(CancellationToken.None);
        Assert.False(take.IsCompleted);

        queue.Add("late");

        Assert.Equal("late", await take);
    }

    [Fact]
    public async Task Take_stops_when_cancelled()
    {
        using var queue = Queue(TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        var take = queue.TakeAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take);
    }
}
