using System.IO.Compression;

namespace HikubePortal.Storage.Archive;

/// <summary>
/// Safe, unique zip entry names for keys: relative to the base folder, no empty, <c>.</c> or <c>..</c>
/// segment (nothing can be extracted outside the target folder), no backslash or control character.
/// </summary>
internal sealed class ZipEntryNames(string basePrefix)
{
    private static readonly HashSet<string> Compressed = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic", ".mp4", ".m4v", ".mkv", ".mov", ".webm", ".avi",
        ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar",
        ".jar", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".pdf", ".woff", ".woff2",
    };

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The entry name for a key (a folder marker keeps its trailing <c>/</c>).</summary>
    public string For(string key)
    {
        var relative = key.StartsWith(basePrefix, StringComparison.Ordinal) && key.Length > basePrefix.Length
            ? key[basePrefix.Length..]
            : key;
        var isFolder = relative.EndsWith('/');
        var segments = (isFolder ? relative[..^1] : relative).Split('/').Select(Clean);
        var name = string.Join('/', segments) + (isFolder ? "/" : string.Empty);
        return Unique(name);
    }

    /// <summary>No compression for files that are compressed already (saves CPU, not bytes).</summary>
    public static CompressionLevel LevelFor(string key) =>
        Compressed.Contains(Path.GetExtension(key)) ? CompressionLevel.NoCompression : CompressionLevel.Fastest;

    private static string Clean(string segment) => segment switch
    {
        "" or "." => "_",
        ".." => "__",
        _ => new string(segment.Select(c => char.IsControl(c) || c == '\\' ? '_' : c).ToArray()),
    };

    private string Unique(string name)
    {
        if (_used.Add(name))
        {
            return name;
        }
        var folder = name.EndsWith('/');
        var bare = folder ? name[..^1] : name;
        var extension = folder ? string.Empty : Path.GetExtension(bare);
        var stem = bare[..^extension.Length];
        for (var n = 2; ; n++)
        {
            var candidate = $"{stem} ({n}){extension}{(folder ? "/" : string.Empty)}";
            if (_used.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
