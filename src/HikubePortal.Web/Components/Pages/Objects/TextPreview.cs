using System.Text;
using System.Text.Json;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>The text shown in a preview: UTF-8 (invalid bytes replaced), JSON indented when it parses.</summary>
public static class TextPreview
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(byte[] content, bool prettyJson)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Encoding.UTF8.GetString(content);
        if (!prettyJson)
        {
            return text;
        }
        try
        {
            using var document = JsonDocument.Parse(content);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
