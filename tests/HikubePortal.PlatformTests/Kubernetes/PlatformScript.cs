using System.Diagnostics;
using HikubePortal.Testing;
using Xunit.Abstractions;

namespace HikubePortal.PlatformTests.KubernetesTests;

/// <summary>Runs <c>deploy/local/platform.sh</c> of this checkout against the test's platform instance.</summary>
internal static class PlatformScript
{
    /// <summary>Generous: a restart may first wait for another instance's kube build lock.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static async Task RunAsync(ITestOutputHelper output, params string[] args)
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local", "platform.sh");
        var log = Path.GetTempFileName();
        try
        {
            // Output goes to a file, not a pipe: servers the script starts inherit it and would keep a pipe open.
            var start = new ProcessStartInfo("bash") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$0\" \"$@\" >\"$LOG\" 2>&1");
            start.ArgumentList.Add(script);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            start.ArgumentList.Add("--name");
            start.ArgumentList.Add(LocalPlatform.Current.Name);
            start.Environment["LOG"] = log;
            using var process = Process.Start(start)!;
            using var limit = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"platform.sh {string.Join(' ', args)} did not finish within {Limit.TotalMinutes} minutes:\n{await File.ReadAllTextAsync(log)}");
            }
            output.WriteLine(await File.ReadAllTextAsync(log));
            Assert.True(process.ExitCode == 0, $"platform.sh {string.Join(' ', args)} failed with {process.ExitCode}");
        }
        finally
        {
            File.Delete(log);
        }
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
