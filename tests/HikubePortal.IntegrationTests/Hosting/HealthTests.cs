using System.Net;
using System.Text.Json;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.Hosting;

public sealed class HealthTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Reports_every_backend_reachable()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        foreach (var check in new[] { "postgresql", "kubernetes", "s3" })
        {
            var entry = json.RootElement.GetProperty("checks").GetProperty(check);
            Assert.Equal("ok", entry.GetProperty("status").GetString());
            Assert.True(entry.GetProperty("ms").GetInt64() >= 0);
        }
    }

    [Fact]
    public async Task Answers_503_and_names_the_backend_that_is_down()
    {
        await using var broken = new PortalFactory();
        broken.Settings["Storage:HealthEndpoint"] = "http://127.0.0.1:9/";
        await ((IAsyncLifetime)broken).InitializeAsync();
        try
        {
            using var client = broken.CreateClient();

            using var response = await client.GetAsync("/healthz");
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("fail", json.RootElement.GetProperty("status").GetString());
            var checks = json.RootElement.GetProperty("checks");
            Assert.Equal("fail", checks.GetProperty("s3").GetProperty("status").GetString());
            Assert.Equal("ok", checks.GetProperty("postgresql").GetProperty("status").GetString());
            Assert.Equal("ok", checks.GetProperty("kubernetes").GetProperty("status").GetString());
        }
        finally
        {
            await ((IAsyncLifetime)broken).DisposeAsync();
        }
    }
}
