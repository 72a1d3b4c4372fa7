namespace HikubePortal.Kubernetes.Models;

/// <summary>One page of a list call (<c>XxxList</c>).</summary>
public sealed record KubernetesList<T>
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public ListMeta Metadata { get; init; } = new();
    public IReadOnlyList<T> Items { get; init; } = [];
}
