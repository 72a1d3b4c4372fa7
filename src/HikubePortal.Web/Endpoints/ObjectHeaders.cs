using HikubePortal.Application.Objects;
using Microsoft.Net.Http.Headers;

namespace HikubePortal.Web.Endpoints;

/// <summary>Response headers of object downloads and previews served by the portal.</summary>
internal static class ObjectHeaders
{
    /// <summary>
    /// <c>attachment</c> (or <c>inline</c>) with an ASCII <c>filename</c> fallback and the exact name as RFC 5987
    /// <c>filename*</c>; control characters become <c>_</c>.
    /// </summary>
    public static string ContentDisposition(string fileName, bool inline = false)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var clean = new string([.. fileName.Select(c => char.IsControl(c) ? '_' : c)]);
        var value = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        value.SetHttpFileName(clean.Length == 0 ? "download" : clean);
        return value.ToString();
    }

    /// <summary>The file name of a key: its last segment (a folder marker or an empty name becomes <c>download</c>).</summary>
    public static string FileNameOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.TrimEnd('/');
        var name = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        return name.Length == 0 ? "download" : name;
    }

    /// <summary>
    /// One byte range from a <c>Range</c> header (<c>bytes=a-b</c> or <c>bytes=a-</c>); null for none, a suffix
    /// range or several ranges (the whole object is sent then, which HTTP allows).
    /// </summary>
    public static ObjectByteRange? ParseRange(string? header)
    {
        if (string.IsNullOrEmpty(header) || !RangeHeaderValue.TryParse(header, out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
        {
            return null;
        }
        var range = parsed.Ranges.First();
        return range.From is { } from && (range.To is null || range.To >= from) ? new ObjectByteRange(from, range.To) : null;
    }
}
