using HikubePortal.Application.Common;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Tenants;

/// <summary>Creates tenant namespaces and role bindings with the portal's own service account.</summary>
internal sealed partial class KubernetesTenantCluster(IKubernetesClient kube, ILogger<KubernetesTenantCluster> logger) : ITenantCluster
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/managed-by"] = "hikube-portal",
    };

    public async Task EnsureTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        var ns = TenantNames.Namespace(tenant);
        try
        {
            await CreateIfMissingAsync(ResourceType.Namespaces, null, Namespace.Named(ns, Labels), cancellationToken);
            foreach (var role in TenantRoles.All)
            {
                await EnsureRoleBindingAsync(ns, tenant, role, cancellationToken);
            }
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

    private async Task EnsureRoleBindingAsync(string ns, string tenant, TenantRole role, CancellationToken cancellationToken)
    {
        var name = TenantNames.RoleBinding(role);
        var binding = new RoleBinding
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = Labels },
            RoleRef = new RoleRef { Kind = "ClusterRole", Name = name },
            Subjects = [Subject.Group(TenantNames.Group(tenant, role))],
        };
        var existing = await kube.TryGetAsync<RoleBinding>(ResourceType.RoleBindings, ns, name, cancellationToken: cancellationToken);
        if (existing is null)
        {
            await CreateIfMissingAsync(ResourceType.RoleBindings, ns, binding, cancellationToken);
        }
        else if (existing.RoleRef.Name != name || existing.Subjects?.Any(s => s.Kind == "Group" && s.Name == TenantNames.Group(tenant, role)) != true)
        {
            await kube.ReplaceAsync(ResourceType.RoleBindings, ns, binding with { Metadata = binding.Metadata with { ResourceVersion = existing.Metadata.ResourceVersion } }, cancellationToken: cancellationToken);
        }
    }

    private async Task CreateIfMissingAsync<T>(ResourceType type, string? ns, T value, CancellationToken cancellationToken)
        where T : IKubernetesObject
    {
        try
        {
            await kube.CreateAsync(type, ns, value, cancellationToken: cancellationToken);
        }
        catch (KubernetesAlreadyExistsException)
        {
            // Already there: creating a tenant is idempotent.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant namespace {Namespace} and its role bindings are in place")]
    private static partial void LogEnsured(ILogger logger, string @namespace);
}
