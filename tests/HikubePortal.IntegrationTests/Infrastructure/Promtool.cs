using System.ComponentModel;
using System.Diagnostics;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>
/// Prometheus' own checker of the metrics text format, <c>promtool check metrics</c>: <c>$PROMTOOL</c>, else
/// <c>promtool</c> on the PATH (<c>deploy/local/test.sh</c> sets <c>PROMTOOL</c> from <c>deploy/local/lib/promtool.sh</c>).
/// </summary>
public static class Promtool
{
    public static async Task<ToolProcess.Result> CheckMetricsAsync(string exposition)
    {
        var path = Environment.GetEnvironmentVariable("PROMTOOL") is { Length: > 0 } set ? set : "promtool";
        try
        {
            return await ToolProcess.RunAsync(new ProcessStartInfo(path, ["check", "metrics"]), exposition, TimeSpan.FromMinutes(1));
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"promtool not found ({path}): run deploy/local/lib/promtool.sh and set PROMTOOL to the path it prints", e);
        }
    }
}
