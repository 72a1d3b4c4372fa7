using System.Diagnostics;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>Runs the portal's command-line verbs the way deployment scripts do: <c>dotnet HikubePortal.Web.dll VERB ...</c>.</summary>
public static class PortalCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string connectionString, params string[] arguments)
    {
        var start = PortalProcess.StartInfo(connectionString, arguments);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
