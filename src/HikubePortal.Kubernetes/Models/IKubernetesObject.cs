namespace HikubePortal.Kubernetes.Models;

/// <summary>A Kubernetes object: type information and metadata.</summary>
public interface IKubernetesObject
{
    /// <summary><c>group/version</c>, or <c>v1</c> for the core group.</summary>
    string? ApiVersion { get; }

    /// <summary>The kind, e.g. <c>Secret</c>.</summary>
    string? Kind { get; }

    /// <summary>Name, namespace, resourceVersion, labels and the rest.</summary>
    ObjectMeta Metadata { get; }
}
