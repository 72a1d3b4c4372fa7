using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>Clients of the platform's kube-apiserver for checks and clean-up in tests.</summary>
public static class Cluster
{
    private static readonly Lazy<TestCluster> AdminClient = new(() => TestCluster.FromKubeconfig(LocalPlatform.Current.AdminKubeconfig));

    private static readonly Lazy<TestCluster> PortalClient = new(() => TestCluster.FromKubeconfig(LocalPlatform.Current.PortalKubeconfig));

    /// <summary>cluster-admin.</summary>
    public static TestCluster Admin => AdminClient.Value;

    /// <summary>The portal's service account (may impersonate).</summary>
    public static TestCluster Portal => PortalClient.Value;

    /// <summary>
    /// A copy of the portal's kubeconfig that names port <paramref name="port"/> on the API server's host instead of its
    /// own (a closed port, a proxy); the caller deletes the file.
    /// </summary>
    public static async Task<string> PortalKubeconfigOnPortAsync(int port)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"{LocalPlatform.UniqueName("kube")}.kubeconfig");
        var server = new Uri(LocalPlatform.Current.KubeServer);
        var text = await File.ReadAllTextAsync(LocalPlatform.Current.PortalKubeconfig);
        await File.WriteAllTextAsync(kubeconfig, text.Replace($":{server.Port}", $":{port}", StringComparison.Ordinal));
        return kubeconfig;
    }

    /// <summary>Deletes tenant namespaces a test created.</summary>
    public static async Task DeleteNamespacesAsync(params string[] namespaces)
    {
        foreach (var ns in namespaces)
        {
            await Admin.DeleteNamespaceAsync(ns);
        }
    }
}
