using System.Diagnostics;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>Runs the portal's command-line verbs the way deployment scripts do: <c>dotnet HikubePortal.Web.dll VERB ...</c>.</summary>
public static class PortalCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string connectionString, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HikubePortal.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ConnectionStrings__Portal"] = connectionString;
        start.Environment["Kubernetes__Kubeconfig"] = LocalPlatform.Current.PortalKubeconfig;
        start.Environment["Storage__HealthEndpoint"] = LocalPlatform.Current.S3Endpoint;
        start.Environment["Buckets__EndpointScheme"] = new Uri(LocalPlatform.Current.S3Endpoint).Scheme;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
