namespace HikubePortal.Kubernetes.Models;

/// <summary>A status condition (<c>metav1.Condition</c> shape).</summary>
public sealed record Condition
{
    public required string Type { get; init; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public required string Status { get; init; }

    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public long? ObservedGeneration { get; init; }

    public bool IsTrue => string.Equals(Status, "True", StringComparison.OrdinalIgnoreCase);
    public bool IsFalse => string.Equals(Status, "False", StringComparison.OrdinalIgnoreCase);
}
