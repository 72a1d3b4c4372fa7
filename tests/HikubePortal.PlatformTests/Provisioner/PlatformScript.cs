using System.Diagnostics;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>Runs <c>deploy/local/platform.sh</c> of this checkout against the test's platform instance.</summary>
internal static class PlatformScript
{
    private static string Script
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploy", "local", "platform.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("deploy/local/platform.sh not found above the test assembly");
        }
    }

    /// <summary><c>platform.sh restart COMPONENT --name NAME</c>; throws with its output when it fails.</summary>
    public static async Task RestartAsync(string component)
    {
        var start = new ProcessStartInfo("bash", [Script, "restart", component, "--name", LocalPlatform.Current.Name])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"platform.sh restart {component} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
