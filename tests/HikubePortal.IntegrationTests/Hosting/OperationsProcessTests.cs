using System.Net;
using System.Text.Json;
using HikubePortal.IntegrationTests.Infrastructure;
using Npgsql;

namespace HikubePortal.IntegrationTests.Hosting;

/// <summary>The portal as deployed: a process configured by environment variables, logging JSON, scraped, stopped by SIGTERM.</summary>
public sealed class OperationsProcessTests
{
    [Fact]
    public async Task Serves_metrics_on_its_own_port_logs_one_json_object_per_line_and_stops_cleanly_on_sigterm()
    {
        await using var database = await TestDatabase.CreateAsync();
        var migrate = await PortalCommand.RunAsync(database.ConnectionString, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        var (port, metricsPort) = (PortalProcess.FreePort(), PortalProcess.FreePort());
        var site = $"http://127.0.0.1:{port}";
        var metrics = $"http://127.0.0.1:{metricsPort}";
        await using var portal = PortalProcess.Start(database.ConnectionString, new Dictionary<string, string>
        {
            ["Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Shutdown__DrainDelay"] = "00:00:01",
        }, "--urls", site);
        Assert.True(await portal.WaitUntilAnswersAsync(site + "/healthz"), portal.Output + portal.Error);

        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(site) };
        browser.DefaultRequestHeaders.Add("X-Request-Id", "process-sign-in-1");
        var email = "nobody-" + Guid.NewGuid().ToString("N") + "@example.com";
        using var signIn = await browser.SignInAsync(email, "Wrong-password-123");
        using var ready = await browser.GetAsync("/readyz");
        var readyBody = await ready.Content.ReadAsStringAsync();
        using var scraper = new HttpClient();
        using var probe = await scraper.GetAsync(new Uri(metrics + "/readyz"));
        using var probeBody = System.Text.Json.JsonDocument.Parse(await probe.Content.ReadAsStringAsync());
        using var scrape = await scraper.GetAsync(new Uri(metrics + "/metrics"));
        var exposition = await scrape.Content.ReadAsStringAsync();
        var check = await Promtool.CheckMetricsAsync(exposition);
        using var publicMetrics = await browser.GetAsync("/metrics");
        using var otherPath = await scraper.GetAsync(new Uri(metrics + "/account/login"));
        var exitCode = await portal.StopAsync();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("""{"status":"ok"}""", readyBody);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal("ok", probeBody.RootElement.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", scrape.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram\n", exposition, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/readyz\"", exposition, StringComparison.Ordinal);
        Assert.Contains("hikube_portal_sign_ins_total{outcome=\"failure\"} 1\n", exposition, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", exposition, StringComparison.Ordinal);
        Assert.DoesNotContain(email, exposition, StringComparison.Ordinal);
        Assert.Contains("aspnetcore_components_route=\"/account/login\"", exposition, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_components_render_diff", exposition, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, $"promtool check metrics: exit {check.ExitCode}\n{check.Output}");
        Assert.False(publicMetrics.StatusCode == HttpStatusCode.OK && (await publicMetrics.Content.ReadAsStringAsync()).Contains("# TYPE", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, otherPath.StatusCode);
        Assert.Equal(0, exitCode);

        var lines = portal.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line)).ToList();
        try
        {
            Assert.All(lines, line => Assert.EndsWith("Z", line.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal));
            var audit = Assert.Single(lines, line => line.RootElement.GetProperty("Category").GetString() == "HikubePortal.Data.Audit.DbAuditLog");
            var scopes = audit.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
            Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && id.GetString() == "process-sign-in-1");
            Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var trace) && trace.GetString()!.Length == 32);
            Assert.Contains(lines, line => line.RootElement.GetProperty("Message").GetString()!.StartsWith("Portal stopping: /readyz answers 503 now", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.RootElement.GetProperty("Message").GetString() == "Portal stopped; every in-flight request finished");
        }
        finally
        {
            lines.ForEach(line => line.Dispose());
        }
        if (new NpgsqlConnectionStringBuilder(database.ConnectionString).Password is { Length: > 0 } password)
        {
            Assert.DoesNotContain(password, portal.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refuses_to_start_with_exit_code_2_and_one_plain_line_per_wrong_setting()
    {
        await using var portal = PortalProcess.Start("", new Dictionary<string, string>
        {
            ["Buckets__EndpointScheme"] = "ftp",
            ["Security__ConnectSources__0"] = "https://s3.example.com; script-src *",
            ["Shutdown__Timeout"] = "soon",
            ["Kubernetes__Kubeconfig"] = "/no/such/kubeconfig",
        });

        var exitCode = await portal.ExitCodeAsync();

        Assert.Equal(2, exitCode);
        var error = portal.Error;
        Assert.StartsWith("Hikube Portal cannot start: 5 settings are missing or wrong.", error, StringComparison.Ordinal);
        Assert.Contains("  - ConnectionStrings:Portal is not set", error, StringComparison.Ordinal);
        Assert.Contains("  - Buckets:EndpointScheme is http or https.", error, StringComparison.Ordinal);
        Assert.Contains("  - Security:ConnectSources:0 ('https://s3.example.com; script-src *') is not an origin", error, StringComparison.Ordinal);
        Assert.Contains("  - Shutdown:Timeout: not a duration", error, StringComparison.Ordinal);
        Assert.Contains("  - Kubernetes:Kubeconfig names a file that does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_needs_only_the_connection_string_like_a_migration_job_without_kubernetes_credentials()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var migrate = PortalProcess.Start(database.ConnectionString, new Dictionary<string, string>
        {
            ["Kubernetes__Kubeconfig"] = "",
            ["KUBECONFIG"] = "",
            ["Storage__HealthEndpoint"] = "",
        }, "migrate");
        await using var broken = PortalProcess.Start("", new Dictionary<string, string> { ["Kubernetes__Kubeconfig"] = "" }, "migrate");

        var exitCode = await migrate.ExitCodeAsync();
        var brokenExitCode = await broken.ExitCodeAsync();

        Assert.True(exitCode == 0, migrate.Error);
        Assert.Contains("database is up to date", migrate.Output, StringComparison.Ordinal);
        Assert.Equal(2, brokenExitCode);
        Assert.Contains("  - ConnectionStrings:Portal is not set", broken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Kubernetes", broken.Error, StringComparison.Ordinal);
    }
}
