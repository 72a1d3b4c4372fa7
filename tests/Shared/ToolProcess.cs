using System.Diagnostics;

namespace HikubePortal.Testing;

/// <summary>Runs a command-line tool to its end, as a person would in a shell: its exit code and all it wrote.</summary>
public static class ToolProcess
{
    /// <summary>The exit code, and standard output followed by standard error.</summary>
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs <paramref name="start"/>, writing <paramref name="input"/> to its standard input; killed after <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(ProcessStartInfo start, string? input, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = input is not null;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} ran longer than {timeout}");
        }
        return new Result(process.ExitCode, await output + await error);
    }
}
