using System.Diagnostics.CodeAnalysis;

namespace HikubePortal.Kubernetes.Models;

/// <summary>A core/v1 Namespace (cluster-scoped).</summary>
[SuppressMessage("Naming", "CA1716", Justification = "The Kubernetes kind; consumers are C#.")]
public sealed record Namespace : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Namespace";
    public ObjectMeta Metadata { get; init; } = new();
    public NamespaceStatus? Status { get; init; }

    /// <summary>A namespace named <paramref name="name"/>, ready to create.</summary>
    public static Namespace Named(string name, IReadOnlyDictionary<string, string>? labels = null) =>
        new() { Metadata = new ObjectMeta { Name = name, Labels = labels } };
}

public sealed record NamespaceStatus
{
    /// <summary><c>Active</c> or <c>Terminating</c>.</summary>
    public string? Phase { get; init; }
}
