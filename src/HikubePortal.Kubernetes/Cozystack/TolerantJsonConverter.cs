using System.Text.Json;
using System.Text.Json.Serialization;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>A part of a resource that is read tolerantly: when it cannot be read, <see cref="Problem"/> says where.</summary>
public interface ITolerantlyRead
{
    /// <summary>Null when read as expected; else which field could not be read (never its value).</summary>
    string? Problem { get; init; }
}

/// <summary>
/// Reads a part of a resource (a Bucket's spec or status) so that a value of an unexpected shape in the cluster (a
/// platform version the portal does not know, a hand edit) gives an object that says what is wrong instead of
/// failing the whole list or watch. Writing is the default serialization.
/// </summary>
public sealed class TolerantJsonConverter<T> : JsonConverter<T>
    where T : class, ITolerantlyRead, new()
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var part = typeof(T).Name.Replace("Bucket", "", StringComparison.Ordinal).Replace("Workload", "", StringComparison.Ordinal).ToLowerInvariant();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new T { Problem = $"{part} is not an object" };
        }
        try
        {
            return root.Deserialize<T>(options);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p ? part + p[1..] : part;
            return new T { Problem = $"{path} has a value of an unexpected type" };
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonSerializer.Serialize(writer, value, options);
    }
}
