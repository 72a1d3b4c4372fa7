using k8s;
using k8s.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>Where the credentials reader gets Secrets (a fake in unit tests, the cluster otherwise).</summary>
public interface ISecretSource
{
    /// <summary>The Secret, or null when it does not exist. Other failures (Forbidden, Unavailable) throw.</summary>
    Task<V1Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken);
}

/// <summary>Reads Secrets from the cluster, as <paramref name="impersonation"/> when given.</summary>
public sealed class KubernetesSecretSource(IKubernetes kube, Impersonation? impersonation = null) : ISecretSource
{
    /// <inheritdoc />
    public Task<V1Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        ClusterCall.FindAsync($"get secrets {ns}/{name}",
            ct => kube.CoreV1.ReadNamespacedSecretWithHttpMessagesAsync(name, ns, customHeaders: Impersonation.HeadersOf(impersonation), cancellationToken: ct),
            cancellationToken, sensitive: true);
}
