using HikubePortal.Application.Common;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Tenants;

/// <summary>Creates tenant namespaces and role bindings with the portal's own service account.</summary>
internal sealed partial class KubernetesTenantCluster(TenantNamespaces namespaces, ILogger<KubernetesTenantCluster> logger) : ITenantCluster
{
    public async Task EnsureTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        var ns = TenantNames.Namespace(tenant);
        try
        {
            await namespaces.EnsureAsync(ns,
                TenantRoles.All.ToDictionary(TenantNames.RoleBinding, role => TenantNames.Group(tenant, role), StringComparer.Ordinal),
                cancellationToken);
            LogEnsured(logger, ns);
        }
        catch (KubernetesForbiddenException ex)
        {
            throw new UnavailableException($"The cluster refused to set up {ns}: the portal's service account lacks the rights.", ex);
        }
        catch (KubernetesException ex) when (ex is KubernetesUnavailableException or KubernetesUnauthorizedException)
        {
            throw new UnavailableException($"The cluster could not be reached to set up {ns}; try again later.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant namespace {Namespace} and its role bindings are in place")]
    private static partial void LogEnsured(ILogger logger, string @namespace);
}
