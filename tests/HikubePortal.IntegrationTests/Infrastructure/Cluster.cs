using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Config;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>Clients of the platform's kube-apiserver for checks and clean-up in tests.</summary>
public static class Cluster
{
    private static readonly Lazy<KubernetesClient> AdminClient = new(() =>
        new KubernetesClient(KubernetesConfig.FromKubeconfigFile(LocalPlatform.Current.AdminKubeconfig)));

    private static readonly Lazy<KubernetesClient> PortalClient = new(() =>
        new KubernetesClient(KubernetesConfig.FromKubeconfigFile(LocalPlatform.Current.PortalKubeconfig)));

    /// <summary>cluster-admin.</summary>
    public static IKubernetesClient Admin => AdminClient.Value;

    /// <summary>The portal's service account (may impersonate).</summary>
    public static IKubernetesClient Portal => PortalClient.Value;

    /// <summary>Deletes tenant namespaces a test created.</summary>
    public static async Task DeleteNamespacesAsync(params string[] namespaces)
    {
        foreach (var ns in namespaces)
        {
            await Admin.DeleteIfExistsAsync(ResourceType.Namespaces, null, ns);
        }
    }
}
