using System.Diagnostics;
using System.Text;

namespace HikubePortal.PlatformTests.Snippets;

/// <summary>
/// Runs a real S3 client from Debian's packages in a scratch home directory, the way a user would
/// after pasting a snippet: files written where the snippet says, the command typed in a shell.
/// </summary>
internal sealed class ClientRunner : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("client-home-");

    public string Home => _home.FullName;

    /// <summary>Writes a snippet file; "~/" is the scratch home.</summary>
    public string WriteFile(string path, string content)
    {
        var full = path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Home, path[2..]) : Path.Combine(Home, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.AppendAllText(full, content);
        return full;
    }

    /// <summary>Runs a bash script in the scratch home; returns stdout, throws with stderr on failure.</summary>
    public async Task<string> RunAsync(string script, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            WorkingDirectory = Home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = Home;
        // Debian's clients first: the machine may have other builds earlier on its PATH.
        start.Environment["PATH"] = "/usr/bin:/bin:" + Environment.GetEnvironmentVariable("PATH");
        // A user's shell has none of the test run's client settings (keys, endpoints, CA bundles).
        var inherited = start.Environment.Keys
            .Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("RCLONE_", StringComparison.Ordinal)
                || k.StartsWith("RESTIC_", StringComparison.Ordinal))
            .ToList();
        foreach (var name in inherited)
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            var message = new StringBuilder()
                .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"exit code {process.ExitCode} for: {script}")
                .AppendLine(await stderr)
                .AppendLine(output);
            throw new InvalidOperationException(message.ToString());
        }

        return output;
    }

    public void Dispose() => _home.Delete(recursive: true);
}
