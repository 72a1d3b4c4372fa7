using System.Text;
using k8s.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>Reading and writing a Secret's values as UTF-8 text. Nothing here ever formats a value into a message.</summary>
public static class SecretValues
{
    /// <summary>The keys present in <c>data</c>.</summary>
    public static IEnumerable<string> Keys(this V1Secret secret) =>
        (secret ?? throw new ArgumentNullException(nameof(secret))).Data?.Keys ?? Enumerable.Empty<string>();

    /// <summary>The value of <paramref name="key"/> decoded as UTF-8, or null when absent.</summary>
    public static string? GetString(this V1Secret secret, string key)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Data is not null && secret.Data.TryGetValue(key, out var bytes) && bytes is not null
            ? Encoding.UTF8.GetString(bytes)
            : null;
    }

    /// <summary>A Secret with UTF-8 values, ready to create.</summary>
    public static V1Secret FromStrings(
        string ns, string name, IReadOnlyDictionary<string, string> values, string type = "Opaque",
        IDictionary<string, string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
            Type = type,
            Data = values.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value), StringComparer.Ordinal),
        };
    }
}
