using Microsoft.Net.Http.Headers;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>How an object can be previewed.</summary>
public enum PreviewKind
{
    None,
    Image,
    Text,
    Json,
    Pdf,
    Audio,
    Video,
}

/// <summary>
/// The preview allow-list. Only these media types are ever served inline by the portal, under the portal's own
/// normalised Content-Type (never the stored one); HTML, SVG, XML and scripts are shown as text, server-rendered
/// and encoded, never as active content. The stored type is trusted only when specific; otherwise the extension decides.
/// </summary>
public static class PreviewTypes
{
    /// <summary>Text and JSON previews read at most this much.</summary>
    public const int TextPreviewBytes = 256 * 1024;

    /// <summary>Images and PDFs larger than this are not previewed (audio and video stream by ranges).</summary>
    public const long MaxInlineBytes = 32L * 1024 * 1024;

    private static readonly Dictionary<string, (PreviewKind Kind, string MediaType)> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = (PreviewKind.Image, "image/png"),
        ["image/jpeg"] = (PreviewKind.Image, "image/jpeg"),
        ["image/gif"] = (PreviewKind.Image, "image/gif"),
        ["image/webp"] = (PreviewKind.Image, "image/webp"),
        ["image/avif"] = (PreviewKind.Image, "image/avif"),
        ["image/bmp"] = (PreviewKind.Image, "image/bmp"),
        ["application/pdf"] = (PreviewKind.Pdf, "application/pdf"),
        ["audio/mpeg"] = (PreviewKind.Audio, "audio/mpeg"),
        ["audio/ogg"] = (PreviewKind.Audio, "audio/ogg"),
        ["audio/wav"] = (PreviewKind.Audio, "audio/wav"),
        ["audio/x-wav"] = (PreviewKind.Audio, "audio/wav"),
        ["audio/webm"] = (PreviewKind.Audio, "audio/webm"),
        ["audio/flac"] = (PreviewKind.Audio, "audio/flac"),
        ["audio/aac"] = (PreviewKind.Audio, "audio/aac"),
        ["audio/mp4"] = (PreviewKind.Audio, "audio/mp4"),
        ["video/mp4"] = (PreviewKind.Video, "video/mp4"),
        ["video/webm"] = (PreviewKind.Video, "video/webm"),
        ["video/ogg"] = (PreviewKind.Video, "video/ogg"),
    };

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".avif"] = "image/avif", [".bmp"] = "image/bmp", [".pdf"] = "application/pdf",
        [".mp3"] = "audio/mpeg", [".ogg"] = "audio/ogg", [".oga"] = "audio/ogg", [".wav"] = "audio/wav", [".flac"] = "audio/flac",
        [".aac"] = "audio/aac", [".m4a"] = "audio/mp4", [".mp4"] = "video/mp4", [".m4v"] = "video/mp4", [".webm"] = "video/webm",
        [".ogv"] = "video/ogg", [".json"] = "application/json", [".txt"] = "text/plain", [".md"] = "text/markdown",
        [".csv"] = "text/csv", [".log"] = "text/plain", [".yaml"] = "application/yaml", [".yml"] = "application/yaml",
        [".xml"] = "application/xml", [".html"] = "text/html", [".htm"] = "text/html", [".svg"] = "image/svg+xml",
        [".js"] = "text/javascript", [".css"] = "text/css", [".ini"] = "text/plain", [".toml"] = "text/plain",
        [".sh"] = "text/plain", [".py"] = "text/plain", [".cs"] = "text/plain", [".go"] = "text/plain", [".conf"] = "text/plain",
    };

    private static readonly HashSet<string> TextTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/xml", "application/yaml", "application/x-yaml", "application/javascript", "application/x-sh",
        "application/toml", "application/sql", "image/svg+xml", "application/xhtml+xml",
    };

    /// <summary>The media type (no parameters, lower case) from the stored type, or from the key's extension when the stored one is generic.</summary>
    public static string MediaTypeOf(string? storedType, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var media = MediaTypeHeaderValue.TryParse(storedType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        if (media is null or "application/octet-stream" or "binary/octet-stream" or "application/x-www-form-urlencoded")
        {
            return Extensions.TryGetValue(Path.GetExtension(key), out var byName) ? byName : "application/octet-stream";
        }
        return media;
    }

    public static PreviewKind KindOf(string? storedType, string key)
    {
        var media = MediaTypeOf(storedType, key);
        if (Inline.TryGetValue(media, out var inline))
        {
            return inline.Kind;
        }
        if (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal))
        {
            return PreviewKind.Json;
        }
        return media.StartsWith("text/", StringComparison.Ordinal) || TextTypes.Contains(media) || media.EndsWith("+xml", StringComparison.Ordinal)
            ? PreviewKind.Text
            : PreviewKind.None;
    }

    /// <summary>The Content-Type the portal serves inline (images, PDF, audio, video), or null: everything else is never served inline.</summary>
    public static string? InlineContentType(string? storedType, string key) =>
        Inline.TryGetValue(MediaTypeOf(storedType, key), out var inline) ? inline.MediaType : null;

    /// <summary>Whether the preview of this kind and size is shown at all.</summary>
    public static bool Previewable(PreviewKind kind, long size) => kind switch
    {
        PreviewKind.None => false,
        PreviewKind.Image or PreviewKind.Pdf => size <= MaxInlineBytes,
        _ => true,
    };
}
