using System.Text;

namespace HikubePortal.Kubernetes.Models;

/// <summary>
/// A core/v1 Secret. <see cref="Data"/> holds the decoded bytes (base64 on the wire).
/// <see cref="ToString"/> never prints values, only the keys.
/// </summary>
public sealed record Secret : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Secret";
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>E.g. <c>Opaque</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Values, decoded from base64 by the JSON layer.</summary>
    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only convenience field for create/patch: the apiserver merges it into <see cref="Data"/>.</summary>
    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    public bool? Immutable { get; init; }

    /// <summary>The keys present in <see cref="Data"/>.</summary>
    public IEnumerable<string> Keys => Data?.Keys ?? Enumerable.Empty<string>();

    /// <summary>The raw bytes of <paramref name="key"/>, or null.</summary>
    public byte[]? GetBytes(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Data is not null && Data.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>The value of <paramref name="key"/> decoded as UTF-8, or null when absent.</summary>
    public string? GetString(string key) =>
        GetBytes(key) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>Tries to read <paramref name="key"/> as UTF-8 text.</summary>
    public bool TryGetString(string key, out string value)
    {
        value = GetString(key) ?? string.Empty;
        return Data is not null && Data.ContainsKey(key);
    }

    /// <summary>A Secret with UTF-8 values, ready to create.</summary>
    public static Secret FromStrings(
        string ns, string name, IReadOnlyDictionary<string, string> values, string type = "Opaque",
        IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Secret
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels },
            Type = type,
            Data = values.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value), StringComparer.Ordinal),
        };
    }

    /// <summary>Names and keys only: secret values never reach a log line.</summary>
    public override string ToString() =>
        $"Secret {Metadata.Namespace}/{Metadata.Name} (type {Type}, keys: {string.Join(", ", Keys.Order(StringComparer.Ordinal))})";
}
