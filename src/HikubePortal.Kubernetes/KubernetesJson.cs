using System.Text.Json;
using System.Text.Json.Serialization;

namespace HikubePortal.Kubernetes;

/// <summary>The JSON settings of the Kubernetes API: camelCase, nulls omitted, case-insensitive reads.</summary>
public static class KubernetesJson
{
    /// <summary>Shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
