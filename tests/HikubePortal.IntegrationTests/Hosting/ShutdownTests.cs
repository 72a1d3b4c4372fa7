using System.Net;
using System.Text.Json;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace HikubePortal.IntegrationTests.Hosting;

/// <summary>Stopping the host as SIGTERM does: readiness fails at once, in-flight requests finish.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task While_draining_readiness_answers_503_liveness_200_and_the_in_flight_request_completes()
    {
        await using var portal = new OperationsPortal();
        portal.Settings["Shutdown:DrainDelay"] = "00:10:00";
        portal.Settings["Shutdown:Timeout"] = "00:20:00";
        await ((IAsyncLifetime)portal).InitializeAsync();
        try
        {
            using var client = await portal.SignedInClientAsync(await portal.CreateUserAsync("operator", isOperator: true));
            var slow = client.GetAsync(OperationsPortal.SlowPath);
            await portal.SlowRequestEntered;
            using var endDrain = new CancellationTokenSource();
            var stopping = portal.Host.StopAsync(endDrain.Token);
            using var ready = await client.GetAsync("/readyz");
            using var live = await client.GetAsync("/healthz");
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            portal.ReleaseSlowRequest();
            using var slowResponse = await slow;
            var slowBody = await slowResponse.Content.ReadAsStringAsync();
            await endDrain.CancelAsync();
            await stopping;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var shutdown = json.RootElement.GetProperty("checks").GetProperty("shutdown");
            Assert.Equal("fail", shutdown.GetProperty("status").GetString());
            Assert.Equal("the portal is shutting down", shutdown.GetProperty("error").GetString());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
            Assert.Equal("done", slowBody);
            Assert.Contains(portal.Logs.Lines, l => l.Message.StartsWith("Portal stopping: /readyz answers 503 now; serving for 00:10:00 more", StringComparison.Ordinal));
            Assert.Contains(portal.Logs.Lines, l => l.Message == "Portal stopped; every in-flight request finished");
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }
    }

    [Fact]
    public async Task After_the_server_stops_listening_an_in_flight_request_still_finishes_before_the_host_stops()
    {
        await using var portal = new OperationsPortal();
        portal.Settings["Shutdown:DrainDelay"] = "00:00:00";
        portal.Settings["Shutdown:Timeout"] = "00:10:00";
        await ((IAsyncLifetime)portal).InitializeAsync();
        try
        {
            var address = portal.ServerAddress!;
            using var client = portal.CreateAnonymousClient();
            var slow = client.GetAsync(OperationsPortal.SlowPath);
            await portal.SlowRequestEntered;

            var stopping = portal.Host.StopAsync();
            var refused = await NewConnectionsRefusedAsync(address);
            var stoppedBeforeRelease = stopping.IsCompleted;
            portal.ReleaseSlowRequest();
            using var slowResponse = await slow;
            var slowBody = await slowResponse.Content.ReadAsStringAsync();
            await stopping;

            Assert.True(refused, "the server never stopped accepting connections");
            Assert.False(stoppedBeforeRelease, "the host stopped while a request was in flight");
            Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
            Assert.Equal("done", slowBody);
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }
    }

    // New connections are refused once the server has closed its listener; each try is a fresh connection.
    private static async Task<bool> NewConnectionsRefusedAsync(string address)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!patience.IsCancellationRequested)
        {
            using var fresh = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = new Uri(address) };
            try
            {
                using var response = await fresh.GetAsync("/healthz", patience.Token);
            }
            catch (HttpRequestException)
            {
                return true;
            }
            await Task.Delay(50, CancellationToken.None);
        }
        return false;
    }
}
