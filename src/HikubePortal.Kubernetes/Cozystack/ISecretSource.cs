using HikubePortal.Kubernetes.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>Where the credentials reader gets Secrets (a fake in unit tests, the cluster otherwise).</summary>
public interface ISecretSource
{
    /// <summary>The Secret, or null when it does not exist. Other failures (Forbidden, Unavailable) throw.</summary>
    Task<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken);
}

/// <summary>Reads Secrets through the Kubernetes client, optionally as an impersonated user.</summary>
public sealed class KubernetesSecretSource(IKubernetesClient client, RequestOptions? options = null) : ISecretSource
{
    /// <inheritdoc />
    public Task<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        (client ?? throw new InvalidOperationException("no client")).TryGetAsync<Secret>(ResourceType.Secrets, ns, name, options, cancellationToken);
}
