using System.Collections.Concurrent;
using HikubePortal.Provisioner.Provisioning;
using HikubePortal.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>
/// The provisioner run inside the test process, with the platform's provisioner service account and
/// its own class (so it handles only the Buckets labelled for it), optionally through a proxy to radosgw.
/// Its log lines are kept for assertions.
/// </summary>
internal sealed class InProcessProvisioner : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessProvisioner(IHost host, LogLines logs)
    {
        _host = host;
        Logs = logs;
    }

    public LogLines Logs { get; }

    public BucketReconciler Reconciler => _host.Services.GetRequiredService<BucketReconciler>();

    public BucketController Controller => _host.Services.GetRequiredService<BucketController>();

    /// <summary>The kubeconfig of the platform's provisioner service account.</summary>
    public static string Kubeconfig =>
        Environment.GetEnvironmentVariable("HIKUBE_PROVISIONER_KUBECONFIG") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetEnvironmentVariable("HIKUBE_PLATFORM_DIR")
                ?? throw new InvalidOperationException("HIKUBE_PLATFORM_DIR is not set"), "kube", "provisioner.kubeconfig");

    /// <param name="class">The Buckets it handles (see <see cref="ProvisionerOptions.Class"/>).</param>
    /// <param name="radosgw">radosgw's address (a proxy), else the platform's.</param>
    /// <param name="logs">Where its log lines go.</param>
    /// <param name="settings">More settings, e.g. <c>Provisioner:UsageInterval</c>.</param>
    public static async Task<InProcessProvisioner> StartAsync(
        string? @class, Uri? radosgw = null, LogLines? logs = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var platform = LocalPlatform.Current;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = Kubeconfig,
            ["Radosgw:Endpoint"] = (radosgw ?? new Uri(platform.S3Endpoint)).ToString(),
            ["Radosgw:AdminAccessKey"] = platform.RadosgwAdminAccessKey,
            ["Radosgw:AdminSecretKey"] = platform.RadosgwAdminSecretKey,
            ["Radosgw:MaxAttempts"] = "2",
            ["Radosgw:Timeout"] = "00:00:10",
            ["Provisioner:Class"] = @class,
            ["Provisioner:PublicEndpoint"] = platform.S3Endpoint,
            ["Provisioner:RetryBaseDelay"] = "00:00:00.200",
            ["Provisioner:RetryMaxDelay"] = "00:00:02",
            ["Provisioner:ResyncInterval"] = "00:01:00",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        logs ??= new LogLines();
        builder.Services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        builder.AddBucketProvisioner();
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessProvisioner(host, logs);
    }

    /// <summary>Stops it the way a process stop does (hosted services cancelled), without waiting for queued work.</summary>
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}

/// <summary>Every formatted log line (with exception text) of the in-process provisioner.</summary>
internal sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
