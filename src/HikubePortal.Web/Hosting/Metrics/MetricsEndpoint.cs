using System.Globalization;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Hosting.Metrics;

/// <summary>
/// Serves <c>GET /metrics</c> on the metrics port (<see cref="MetricsOptions.Port"/>) and nothing else there; on every
/// other port the request goes on to the portal (where <c>/metrics</c> does not exist).
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Registers the exporter and adds the metrics port to the server's addresses when it is set.</summary>
    public static WebApplicationBuilder AddPortalMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new PrometheusExporter(sp.GetRequiredService<IOptions<MetricsOptions>>().Value.EffectiveMeters));
        // Read leniently here: a malformed value is reported by the start-up validation with every other problem.
        if (int.TryParse(builder.Configuration[$"{MetricsOptions.Section}:{nameof(MetricsOptions.Port)}"], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535)
        {
            builder.WebHost.UseUrls([.. ServerUrls(builder.Configuration), $"http://*:{port}"]);
        }
        return builder;
    }

    /// <summary>Starts collecting (when the port is set) and answers scrapes on the metrics port.</summary>
    public static WebApplication UsePortalMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port is not { } port)
        {
            return app;
        }
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port)
            {
                return next(context);
            }
            if (!context.Request.Path.Equals(Path, StringComparison.Ordinal) || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            context.Response.ContentType = PrometheusExporter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            return HttpMethods.IsHead(context.Request.Method)
                ? Task.CompletedTask
                : context.Response.WriteAsync(exporter.Collect(), context.RequestAborted);
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
