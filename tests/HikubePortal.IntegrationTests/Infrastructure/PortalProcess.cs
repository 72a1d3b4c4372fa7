using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal as a real process (<c>dotnet HikubePortal.Web.dll</c>), configured like a deployment through environment
/// variables, its standard output and error kept; stopped with SIGTERM as Kubernetes does.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private PortalProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts the portal on the platform's backends; <paramref name="settings"/> (Section__Key) override them.</summary>
    public static PortalProcess Start(string connectionString, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var start = StartInfo(connectionString, arguments);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        return new PortalProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary><c>dotnet HikubePortal.Web.dll ARGUMENTS</c> with output redirected, on the local platform's backends.</summary>
    public static ProcessStartInfo StartInfo(string connectionString, IEnumerable<string> arguments)
    {
        var platform = LocalPlatform.Current;
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
        start.Environment["Kubernetes__Kubeconfig"] = platform.PortalKubeconfig;
        start.Environment["Storage__HealthEndpoint"] = platform.S3Endpoint;
        start.Environment["Buckets__EndpointScheme"] = new Uri(platform.S3Endpoint).Scheme;
        return start;
    }

    /// <summary>A TCP port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="url"/> answers 200 (false if the process exits or a minute passes).</summary>
    public async Task<bool> WaitUntilAnswersAsync(string url)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (!patience.IsCancellationRequested && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url), patience.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, CancellationToken.None);
        }
        return false;
    }

    /// <summary>Sends SIGTERM (what Kubernetes sends) and waits for the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
        }
        return await ExitCodeAsync();
    }

    /// <summary>Waits (up to three minutes) for the process to end by itself.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
