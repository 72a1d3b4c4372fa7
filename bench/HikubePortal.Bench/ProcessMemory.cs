using System.Globalization;

namespace HikubePortal.Bench;

/// <summary>Samples the resident set size of another process (Linux <c>/proc/PID/status</c>) in the background.</summary>
internal sealed class ProcessMemory : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private ProcessMemory(int pid, TimeSpan interval)
    {
        _pid = pid;
        First = Current();
        Max = First;
        _sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var rss = Current();
                Last = rss;
                Max = Math.Max(Max, rss);
            }
        });
    }

    /// <summary>RSS in MiB when sampling started.</summary>
    public double First { get; }

    public double Max { get; private set; }

    public double Last { get; private set; }

    public static ProcessMemory Watch(int pid, TimeSpan interval) => new(pid, interval);

    /// <summary>The process's RSS now, in MiB (0 when it is gone).</summary>
    public double Current() => Of(_pid);

    /// <summary>The RSS of process <paramref name="pid"/> now, in MiB (0 when it is gone).</summary>
    public static double Of(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                    return kib / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
