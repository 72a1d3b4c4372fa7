using HikubePortal.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HikubePortal.Web.Health;

/// <summary>Fails as soon as the portal starts shutting down, so load balancers stop sending it new requests.</summary>
internal sealed class ShutdownHealthCheck(GracefulShutdown shutdown) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(shutdown.IsDraining
            ? HealthCheckResult.Unhealthy("the portal is shutting down")
            : HealthCheckResult.Healthy());
}
