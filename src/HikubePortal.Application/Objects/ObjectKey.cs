using System.Text;
using HikubePortal.Application.Common;

namespace HikubePortal.Application.Objects;

/// <summary>
/// Rules for object keys and folder prefixes. S3 keys are any UTF-8 up to 1024 bytes; the portal
/// reads every key it finds, but refuses to create keys that browsers or the SDK cannot address.
/// </summary>
public static class ObjectKey
{
    /// <summary>The S3 limit on a key, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A key the storage can hold at all (reads of existing objects).</summary>
    public static void EnsureValid(string key, string field = "key")
    {
        if (string.IsNullOrEmpty(key))
        {
            throw InvalidException.For(field, "An object name is required.");
        }
        if (Utf8Length(key, field) > MaxBytes)
        {
            throw InvalidException.For(field, $"An object name is at most {MaxBytes} bytes long (UTF-8).");
        }
    }

    /// <summary>
    /// A key the portal may create: valid, no control or bidirectional-override characters, and no
    /// <c>.</c> or <c>..</c> path segment (browsers and HTTP clients rewrite those out of URLs).
    /// </summary>
    public static void EnsureCreatable(string key, string field = "key")
    {
        EnsureValid(key, field);
        if (key.Any(c => char.IsControl(c) || IsBidiControl(c)))
        {
            throw InvalidException.For(field, "An object name cannot contain control characters.");
        }
        if (!IsLinkSafe(key))
        {
            throw InvalidException.For(field, "An object name cannot have a '.' or '..' folder segment.");
        }
    }

    /// <summary>
    /// Whether a URL path can carry this key unchanged: browsers remove <c>.</c> and <c>..</c>
    /// segments (even percent-encoded), so such keys are downloaded through the portal instead.
    /// </summary>
    public static bool IsLinkSafe(string key) =>
        !key.Split('/').Any(segment => segment is "." or "..") && !key.Any(IsBidiControl);

    /// <summary>A folder prefix: empty for the bucket root, else ending with exactly the given text plus <c>/</c>.</summary>
    public static string NormalizeFolder(string? prefix) =>
        string.IsNullOrEmpty(prefix) ? string.Empty : prefix.EndsWith('/') ? prefix : prefix + "/";

    /// <summary>The part of a key or folder prefix after its parent folder, without the trailing <c>/</c>.</summary>
    public static string NameWithin(string key, string folder)
    {
        var name = key.StartsWith(folder, StringComparison.Ordinal) ? key[folder.Length..] : key;
        return name.EndsWith('/') ? name[..^1] : name;
    }

    /// <summary>The folder prefix that holds a key or a folder (empty at the root).</summary>
    public static string ParentOf(string key)
    {
        var trimmed = key.EndsWith('/') ? key[..^1] : key;
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? string.Empty : trimmed[..(slash + 1)];
    }

    /// <summary>The UTF-8 length of a key; unpaired surrogates are invalid.</summary>
    public static int Utf8Length(string key, string field = "key")
    {
        try
        {
            return StrictUtf8.GetByteCount(key);
        }
        catch (EncoderFallbackException)
        {
            throw InvalidException.For(field, "An object name must be valid Unicode text.");
        }
    }

    // The SDK refuses these in a request path (System.Uri does not support them).
    private static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
