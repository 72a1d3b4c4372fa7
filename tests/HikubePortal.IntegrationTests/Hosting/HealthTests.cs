using System.Net;
using System.Text.Json;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Hosting;

public sealed class HealthTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Liveness_answers_ok_without_checking_any_backend()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_tells_anyone_but_an_operator_the_status_alone()
    {
        var member = await portal.CreateUserAsync("member");
        using var anonymous = portal.CreateAnonymousClient();
        using var signedIn = await portal.SignedInClientAsync(member);

        foreach (var client in new[] { anonymous, signedIn })
        {
            using var response = await client.GetAsync("/readyz");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Readiness_reports_every_backend_reachable_to_an_operator()
    {
        using var client = await portal.SignedInClientAsync(await portal.CreateUserAsync("operator", isOperator: true));

        using var response = await client.GetAsync("/readyz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        foreach (var check in new[] { "shutdown", "postgresql", "kubernetes", "s3" })
        {
            var entry = json.RootElement.GetProperty("checks").GetProperty(check);
            Assert.Equal("ok", entry.GetProperty("status").GetString());
            Assert.True(entry.GetProperty("ms").GetInt64() >= 0);
            Assert.False(entry.TryGetProperty("error", out _));
        }
    }

    [Fact]
    public async Task Readiness_answers_503_naming_the_backend_that_is_down_and_why_while_liveness_stays_ok()
    {
        await using var broken = new PortalFactory();
        broken.Settings["Storage:HealthEndpoint"] = "http://127.0.0.1:9/";
        await ((IAsyncLifetime)broken).InitializeAsync();
        try
        {
            using var client = await broken.SignedInClientAsync(await broken.CreateUserAsync("operator", isOperator: true));

            using var ready = await client.GetAsync("/readyz");
            using var live = await client.GetAsync("/healthz");
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("fail", json.RootElement.GetProperty("status").GetString());
            var checks = json.RootElement.GetProperty("checks");
            Assert.Equal("fail", checks.GetProperty("s3").GetProperty("status").GetString());
            Assert.Equal("connection refused (nothing listens at the configured address)", checks.GetProperty("s3").GetProperty("error").GetString());
            Assert.Equal("ok", checks.GetProperty("postgresql").GetProperty("status").GetString());
            Assert.Equal("ok", checks.GetProperty("kubernetes").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)broken).DisposeAsync();
        }
    }

    [Fact]
    public async Task Readiness_names_a_kubernetes_api_that_refuses_the_credentials()
    {
        await using var broken = new PortalFactory();
        var kubeconfig = Path.Combine(Path.GetTempPath(), LocalPlatform.UniqueName("kubeconfig"));
        var platform = LocalPlatform.Current;
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters: [{ name: c, cluster: { server: "{{platform.KubeServer}}", insecure-skip-tls-verify: true } }]
            users: [{ name: u, user: { token: "not-a-token-of-this-cluster" } }]
            contexts: [{ name: x, context: { cluster: c, user: u } }]
            current-context: x
            """);
        broken.Settings["Kubernetes:Kubeconfig"] = kubeconfig;
        await ((IAsyncLifetime)broken).InitializeAsync();
        try
        {
            using var client = await broken.SignedInClientAsync(await broken.CreateUserAsync("operator", isOperator: true));

            using var ready = await client.GetAsync("/readyz");
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var kube = json.RootElement.GetProperty("checks").GetProperty("kubernetes");
            Assert.Equal("the API server does not accept the portal's credentials (401)", kube.GetProperty("error").GetString());
            Assert.DoesNotContain("not-a-token", json.RootElement.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)broken).DisposeAsync();
            File.Delete(kubeconfig);
        }
    }
}
