using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HikubePortal.Application.Common;
using HikubePortal.Web.Hosting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace HikubePortal.UnitTests.Hosting;

/// <summary>
/// The portal's metrics registration and scrape endpoint in a small host on loopback: what a scrape shows, and where
/// it is answered. Labels and values written by these tests are their own (other tests share the process-wide meters).
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task A_scrape_shows_the_portal_meter_with_instruments_created_later_and_http_routes_never_raw_paths()
    {
        await using var host = await MetricsHost.StartAsync(metrics: true);
        using var client = new HttpClient();
        using var page = await client.GetAsync(host.Site + "/things/secret-bucket-name");
        PortalMetrics.RecordStorage("MetricsEndpointTests", PortalMetrics.Ok, TimeSpan.FromSeconds(0.2));
        // An instrument that appears on the portal's meter after the start (as the watch cache's do) is exported too.
        using var meter = new Meter(PortalMetrics.MeterName);
        meter.CreateCounter<long>("hikube_portal.test.late", "{event}", "Created after the start.").Add(3, new KeyValuePair<string, object?>("kind", "unit-test"));
        GC.Collect();

        using var request = new HttpRequestMessage(HttpMethod.Get, host.Metrics + "/metrics");
        // What Prometheus asks for: OpenMetrics first.
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        using var scrape = await client.SendAsync(request);
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", scrape.Content.Headers.ContentType?.ToString());
        Assert.Contains("hikube_portal_storage_operations_total{operation=\"MetricsEndpointTests\",outcome=\"ok\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE hikube_portal_storage_operation_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("hikube_portal_storage_operation_duration_seconds_bucket{operation=\"MetricsEndpointTests\",le=\"0.1\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("hikube_portal_storage_operation_duration_seconds_bucket{operation=\"MetricsEndpointTests\",le=\"0.25\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP hikube_portal_test_late_total Created after the start.\n", text, StringComparison.Ordinal);
        Assert.Contains("hikube_portal_test_late_total{kind=\"unit-test\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/things/{id}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-bucket-name", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_client_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_assemblies gauge\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet_assembly_count", text, StringComparison.Ordinal);
        Assert.DoesNotContain("otel_scope_name", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_scrapes_are_answered_on_the_metrics_port_and_the_public_port_has_no_metrics()
    {
        await using var host = await MetricsHost.StartAsync(metrics: true);
        using var client = new HttpClient();

        using var publicMetrics = await client.GetAsync(host.Site + "/metrics");
        using var otherPath = await client.GetAsync(host.Metrics + "/things/1");
        using var post = await client.PostAsync(host.Metrics + "/metrics", null);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, host.Metrics + "/metrics"));

        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPath.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("no-store", head.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Without_a_metrics_port_nothing_is_collected_or_served()
    {
        await using var host = await MetricsHost.StartAsync(metrics: false);
        using var client = new HttpClient();

        using var publicMetrics = await client.GetAsync(host.Site + "/metrics");

        Assert.Null(host.App.Services.GetService<MeterProvider>());
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
    }

    /// <summary>A web host with the portal's metrics and one route with a parameter, on two free loopback ports.</summary>
    private sealed class MetricsHost(WebApplication app, string site, string metrics) : IAsyncDisposable
    {
        public WebApplication App { get; } = app;

        public string Site { get; } = site;

        public string Metrics { get; } = metrics;

        public static async Task<MetricsHost> StartAsync(bool metrics)
        {
            var (port, metricsPort) = (FreePort(), FreePort());
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = $"http://127.0.0.1:{port}",
                ["Metrics:Port"] = metrics ? metricsPort.ToString(CultureInfo.InvariantCulture) : null,
            });
            builder.AddPortalMetrics();
            builder.Services.AddHealthChecks(); // the metrics port answers /readyz too
            var app = builder.Build();
            app.UsePortalMetrics();
            app.MapGet("/things/{id}", (string id) => Results.Ok(id.Length));
            await app.StartAsync();
            return new MetricsHost(app, $"http://127.0.0.1:{port}", $"http://127.0.0.1:{metricsPort}");
        }

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
