namespace HikubePortal.Kubernetes.Models;

/// <summary>Standard object metadata (the fields the portal uses).</summary>
public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
    public long? Generation { get; init; }
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Set by the apiserver when deletion was requested and finalizers still hold the object.</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    public IReadOnlyList<string>? Finalizers { get; init; }
    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }
}

/// <summary>Points from a dependent object to its owner (garbage collection).</summary>
public sealed record OwnerReference
{
    public required string ApiVersion { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string Uid { get; init; }
    public bool? Controller { get; init; }
    public bool? BlockOwnerDeletion { get; init; }
}

/// <summary>Metadata of a list: its resourceVersion and the paging token.</summary>
public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }

    /// <summary>Opaque token for the next page; null or empty on the last page.</summary>
    public string? Continue { get; init; }

    public long? RemainingItemCount { get; init; }
}
