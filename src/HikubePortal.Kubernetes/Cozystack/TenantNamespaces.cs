using k8s;
using k8s.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>
/// A tenant on the cluster as Cozystack shapes it: a namespace <c>tenant-&lt;name&gt;</c> and, per role, a RoleBinding
/// <c>cozy:tenant:&lt;role&gt;</c> of the ClusterRole of the same name to the group <c>tenant-&lt;name&gt;-&lt;role&gt;</c>.
/// Done with the portal's own account, idempotently: what exists is kept, a tampered binding is repaired.
/// </summary>
public sealed class TenantNamespaces(IKubernetes kube)
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/managed-by"] = "hikube-portal",
    };

    /// <summary>Creates <paramref name="ns"/> and binds each ClusterRole of <paramref name="groupsByRole"/> (role binding name → group).</summary>
    public async Task EnsureAsync(string ns, IReadOnlyDictionary<string, string> groupsByRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupsByRole);
        await IgnoreExistingAsync(ClusterCall.RunAsync($"create namespaces {ns}",
            ct => kube.CoreV1.CreateNamespaceWithHttpMessagesAsync(
                new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = ns, Labels = Labels } },
                cancellationToken: ct), cancellationToken));
        foreach (var (role, group) in groupsByRole)
        {
            await EnsureBindingAsync(ns, role, group, cancellationToken);
        }
    }

    private async Task EnsureBindingAsync(string ns, string name, string group, CancellationToken cancellationToken)
    {
        var desired = new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = Labels },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "Group", ApiGroup = "rbac.authorization.k8s.io", Name = group }],
        };
        var existing = await ClusterCall.FindAsync($"get rolebindings {ns}/{name}",
            ct => kube.RbacAuthorizationV1.ReadNamespacedRoleBindingWithHttpMessagesAsync(name, ns, cancellationToken: ct), cancellationToken);
        if (existing is null)
        {
            await IgnoreExistingAsync(ClusterCall.RunAsync($"create rolebindings {ns}/{name}",
                ct => kube.RbacAuthorizationV1.CreateNamespacedRoleBindingWithHttpMessagesAsync(desired, ns, cancellationToken: ct), cancellationToken));
        }
        else if (existing.RoleRef?.Name != name || existing.Subjects?.Any(s => s.Kind == "Group" && s.Name == group) != true)
        {
            desired.Metadata.ResourceVersion = existing.Metadata?.ResourceVersion;
            await ClusterCall.RunAsync($"replace rolebindings {ns}/{name}",
                ct => kube.RbacAuthorizationV1.ReplaceNamespacedRoleBindingWithHttpMessagesAsync(desired, name, ns, cancellationToken: ct), cancellationToken);
        }
    }

    private static async Task IgnoreExistingAsync(Task call)
    {
        try
        {
            await call;
        }
        catch (KubernetesAlreadyExistsException)
        {
            // Already there: setting a tenant up is idempotent.
        }
    }
}
