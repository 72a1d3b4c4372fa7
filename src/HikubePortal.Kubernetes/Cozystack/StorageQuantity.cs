using System.Text.Json;
using k8s.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>
/// Kubernetes quantities as whole amounts: <c>"1536Mi"</c>, <c>"1.5Gi"</c>, <c>"3k"</c>, <c>"1234"</c> or a plain JSON number,
/// parsed by the library's <see cref="ResourceQuantity"/>; fractions round up (as <c>Quantity.Value()</c> does).
/// </summary>
public static class StorageQuantity
{
    /// <summary>The amount, or null when absent, negative or not a quantity.</summary>
    public static long? Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Parse(value.GetString()),
        JsonValueKind.Number => Parse(value.GetRawText()),
        _ => null,
    };

    /// <summary>The amount, or null when absent, negative or not a quantity.</summary>
    public static long? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        decimal amount;
        try
        {
            amount = new ResourceQuantity(value.Trim()).ToDecimal();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
        return amount < 0 ? null : amount >= long.MaxValue ? long.MaxValue : (long)decimal.Ceiling(amount);
    }

    /// <summary>How Kubernetes writes <paramref name="bytes"/>: <c>"1536Mi"</c> when a whole number of binary units, else the number.</summary>
    public static string Format(long bytes) =>
        new ResourceQuantity(bytes, 0, ResourceQuantity.SuffixFormat.BinarySI).CanonicalizeString();
}
