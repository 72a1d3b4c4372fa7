namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>A status condition (<c>metav1.Condition</c> shape).</summary>
public sealed record Condition
{
    public required string Type { get; init; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public required string Status { get; init; }

    /// <summary>CamelCase reason; empty is stored as absent.</summary>
    public string? Reason { get => _reason; init => _reason = string.IsNullOrEmpty(value) ? null : value; }

    /// <summary>Human-readable message; empty is stored as absent.</summary>
    public string? Message { get => _message; init => _message = string.IsNullOrEmpty(value) ? null : value; }

    private readonly string? _reason;
    private readonly string? _message;
    public DateTimeOffset? LastTransitionTime { get; init; }
    public long? ObservedGeneration { get; init; }

    public bool IsTrue => string.Equals(Status, "True", StringComparison.OrdinalIgnoreCase);
    public bool IsFalse => string.Equals(Status, "False", StringComparison.OrdinalIgnoreCase);
}
