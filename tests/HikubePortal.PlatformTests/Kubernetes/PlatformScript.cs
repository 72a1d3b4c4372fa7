using System.Diagnostics;
using HikubePortal.Testing;
using Xunit.Abstractions;

namespace HikubePortal.PlatformTests.Kubernetes;

/// <summary>Runs <c>deploy/local/platform.sh</c> of this checkout against the test's platform instance.</summary>
internal static class PlatformScript
{
    public static async Task RunAsync(ITestOutputHelper output, params string[] args)
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local", "platform.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add("--name");
        start.ArgumentList.Add(LocalPlatform.Current.Name);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        Assert.True(process.ExitCode == 0, $"platform.sh {string.Join(' ', args)} failed with {process.ExitCode}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "deploy", "local", "platform.sh")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("deploy/local/platform.sh not found above the test binaries");
    }
}
