using System.Globalization;

namespace HikubePortal.Bench;

/// <summary>
/// Samples the resident set size of another process (Linux <c>/proc/PID/status</c>) in the background; reads its CPU
/// time (<c>/proc/PID/stat</c>).
/// </summary>
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

    /// <summary>User + system CPU seconds of process <paramref name="pid"/> (<c>/proc/PID/stat</c>, clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
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
