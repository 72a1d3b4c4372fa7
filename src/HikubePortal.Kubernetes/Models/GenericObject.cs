using System.Text.Json;
using System.Text.Json.Serialization;

namespace HikubePortal.Kubernetes.Models;

/// <summary>Any object: metadata typed, every other field kept as JSON.</summary>
public sealed record GenericObject : IKubernetesObject
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The other top-level fields (spec, status, data, ...).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Fields { get; init; }
}
