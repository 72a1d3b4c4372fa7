using System.ComponentModel;
using System.Diagnostics;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>
/// Prometheus' own checker of the metrics text format, <c>promtool check metrics</c>: <c>$PROMTOOL</c>, else
/// <c>promtool</c> on the PATH (<c>deploy/local/test.sh</c> sets <c>PROMTOOL</c> from <c>deploy/local/lib/promtool.sh</c>).
/// </summary>
public static class Promtool
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> CheckMetricsAsync(string exposition)
    {
        var path = Environment.GetEnvironmentVariable("PROMTOOL") is { Length: > 0 } set ? set : "promtool";
        var start = new ProcessStartInfo(path, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"promtool not found ({path}): run deploy/local/lib/promtool.sh and set PROMTOOL to the path it prints", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(exposition);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await output + await error);
        }
    }
}
