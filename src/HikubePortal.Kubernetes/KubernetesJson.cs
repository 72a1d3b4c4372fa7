using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
            // C# 'required' guides code that builds objects; reads stay lenient (watch bookmarks carry only metadata).
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NothingRequired } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void NothingRequired(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            property.IsRequired = false;
        }
    }
}
