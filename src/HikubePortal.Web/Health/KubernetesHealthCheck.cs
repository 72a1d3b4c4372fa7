using HikubePortal.Kubernetes;
using k8s;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HikubePortal.Web.Health;

/// <summary>
/// The apiserver answers and accepts the portal's credentials: reading namespace <c>default</c> either works or is
/// refused by RBAC (403 still proves both); 401, connection failures and 5xx are failures.
/// </summary>
internal sealed class KubernetesHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var kube = services.GetRequiredService<IKubernetes>();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            await ClusterCall.FindAsync("get namespaces default",
                ct => kube.CoreV1.ReadNamespaceWithHttpMessagesAsync("default", cancellationToken: ct), deadline.Token);
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
