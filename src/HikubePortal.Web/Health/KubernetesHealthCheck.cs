using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HikubePortal.Web.Health;

/// <summary>
/// The apiserver answers and accepts the portal's credentials: reading namespace <c>default</c> either works or is
/// refused by RBAC (403 still proves both); 401, connection failures and 5xx are failures.
/// </summary>
internal sealed class KubernetesHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var kube = services.GetRequiredService<IKubernetesClient>();
            await kube.TryGetAsync<Namespace>(ResourceType.Namespaces, null, "default",
                new RequestOptions { Timeout = TimeSpan.FromSeconds(5) }, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (KubernetesForbiddenException)
        {
            return HealthCheckResult.Healthy("reachable (reading namespaces is not allowed)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(HealthFailures.Describe(ex), ex);
        }
    }
}
