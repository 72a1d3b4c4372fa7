using System.Globalization;

namespace HikubePortal.Bench.Provisioner;

/// <summary>Samples a process's resident set (VmRSS in /proc/PID/status) and keeps the peak.</summary>
internal sealed class RssSampler(int pid) : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public long PeakKiB { get; private set; }

    public static long? ReadKiB(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    public void Dispose() => _stop.Dispose();

    public void Start() => _loop = LoopAsync(_stop.Token);

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        do
        {
            if (ReadKiB(pid, "VmRSS") is { } rss && rss > PeakKiB)
            {
                PeakKiB = rss;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    /// <summary>Stops sampling (idempotent).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }
}
