using System.Globalization;
using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using HikubePortal.Web.Health;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace HikubePortal.Web.Hosting.Metrics;

/// <summary>
/// Metrics on OpenTelemetry (docs/decisions/0004). With <see cref="MetricsOptions.Port"/> set, the portal's own meter
/// (every instrument on it, including ones created later) and the ASP.NET Core, HttpClient and runtime instrumentation
/// are collected, and OpenTelemetry's Prometheus exporter answers <c>GET /metrics</c> on that port, which serves
/// nothing else but <c>/readyz</c> with every check's details (<see cref="HealthEndpoints.UseReadinessWithDetails"/>); on every other port the request goes on to the portal (where <c>/metrics</c> does not exist).
/// Without the port nothing is collected.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    private const string ComponentsLifecycleMeter = "Microsoft.AspNetCore.Components.Lifecycle";

    // The runtime's gauges whose names end in ".count": Prometheus reads a *_count series as part of a histogram or
    // summary (promtool rejects such gauges), so they are exported under plural names.
    private static readonly (string Instrument, string Name)[] Renamed =
    [
        ("dotnet.assembly.count", "dotnet.assemblies"),
        ("dotnet.process.cpu.count", "dotnet.process.cpus"),
        ("dotnet.thread_pool.thread.count", "dotnet.thread_pool.threads"),
        ("dotnet.timer.count", "dotnet.timers"),
    ];

    /// <summary>Registers the meters and the exporter, and adds the metrics port to the server's addresses, when it is set.</summary>
    public static WebApplicationBuilder AddPortalMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Read leniently here: a malformed value is reported by the start-up validation with every other problem.
        var section = builder.Configuration.GetSection(MetricsOptions.Section);
        if (!int.TryParse(section[nameof(MetricsOptions.Port)], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is <= 0 or > 65535)
        {
            return builder;
        }
        builder.WebHost.UseUrls([.. ServerUrls(builder.Configuration), $"http://*:{port}"]);
        var meters = section.GetSection(nameof(MetricsOptions.Meters)).Get<string[]>() ?? [];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("hikube-portal"))
            .WithMetrics(metrics =>
            {
                if (meters.Length > 0)
                {
                    metrics.AddMeter(meters);
                }
                else
                {
                    metrics.AddMeter(PortalMetrics.MeterName)
                        .AddAspNetCoreInstrumentation()
                        .AddHttpClientInstrumentation()
                        .AddRuntimeInstrumentation();
                }
                foreach (var (instrument, name) in Renamed)
                {
                    metrics.AddView(instrument, name);
                }
                // Render and parameter timings per component type: a profiler's view, hundreds of series per page shown.
                metrics.AddView(instrument => instrument.Meter.Name == ComponentsLifecycleMeter ? MetricStreamConfiguration.Drop : null);
                metrics.AddPrometheusExporter(exporter =>
                {
                    exporter.ScrapeResponseCacheDurationMilliseconds = 0; // Each scrape reads the values of that moment.
                    exporter.ScopeInfoEnabled = false; // Series carry their instrument's tags only.
                });
            });
        return builder;
    }

    /// <summary>Answers scrapes on the metrics port, and only scrapes there.</summary>
    public static WebApplication UsePortalMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port is not { } port)
        {
            return app;
        }
        app.MapWhen(context => context.Connection.LocalPort == port, metricsPort =>
        {
            metricsPort.Use((context, next) =>
            {
                // A scrape is not a request to the portal: it stays out of the http.server.* metrics.
                if (context.Features.Get<IHttpMetricsTagsFeature>() is { } tags)
                {
                    tags.MetricsDisabled = true;
                }
                // Text format 0.0.4 to every scraper (the format promtool checks), never OpenMetrics: that would add a
                // _created series to every counter.
                context.Request.Headers.Remove(HeaderNames.Accept);
                context.Response.Headers.CacheControl = "no-store";
                return next(context);
            });
            metricsPort.UseReadinessWithDetails();
            metricsPort.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path.Equals(Path, StringComparison.Ordinal)
                && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)));
            metricsPort.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        return app;
    }

    // The addresses the server would use without the metrics port: --urls / ASPNETCORE_URLS, else
    // ASPNETCORE_HTTP_PORTS / HTTPS_PORTS, else Kestrel's default.
    private static string[] ServerUrls(ConfigurationManager configuration)
    {
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]);
        if (urls.Length > 0)
        {
            return urls;
        }
        var ports = Split(configuration[WebHostDefaults.HttpPortsKey]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(p => $"https://*:{p}"))
            .ToArray();
        return ports.Length > 0 ? ports : ["http://localhost:5000"];
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
