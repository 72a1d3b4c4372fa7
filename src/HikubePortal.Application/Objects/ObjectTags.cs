using System.Globalization;
using HikubePortal.Application.Common;

namespace HikubePortal.Application.Objects;

/// <summary>
/// The S3 rules for object tags, checked before the storage is asked: at most 10 per object, keys of 1 to 128 and
/// values of up to 256 characters made of letters, digits, spaces and <c>+ - = . _ : / @</c>, keys unique, no key
/// starting with <c>aws:</c>.
/// </summary>
public static class ObjectTags
{
    public const int MaxTags = 10;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    /// <summary>The tags trimmed, in order; an <see cref="InvalidException"/> naming the first problem.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Validate(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > MaxTags)
        {
            throw InvalidException.For("tags", $"An object has at most {MaxTags} tags.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clean = new List<KeyValuePair<string, string>>(tags.Count);
        foreach (var (rawKey, rawValue) in tags)
        {
            var key = (rawKey ?? string.Empty).Trim();
            var value = (rawValue ?? string.Empty).Trim();
            if (key.Length == 0)
            {
                throw InvalidException.For("tags", "Every tag needs a key.");
            }
            if (Length(key) > MaxKeyLength || Length(value) > MaxValueLength)
            {
                throw InvalidException.For("tags", $"Tag keys are at most {MaxKeyLength} characters, values at most {MaxValueLength} ({key}).");
            }
            if (!Allowed(key) || !Allowed(value))
            {
                throw InvalidException.For("tags", $"Tags may only use letters, digits, spaces and + - = . _ : / @ ({key}).");
            }
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw InvalidException.For("tags", "Tag keys starting with aws: are reserved.");
            }
            if (!seen.Add(key))
            {
                throw InvalidException.For("tags", $"The key {key} is used twice.");
            }
            clean.Add(new(key, value));
        }
        return clean;
    }

    /// <summary>How an audit entry names a tag change: the keys, never more than a line.</summary>
    public static string Describe(IReadOnlyList<KeyValuePair<string, string>> tags) =>
        tags.Count == 0 ? "tags removed" : ObjectAudit.Clip($"tags set: {string.Join(", ", tags.Select(t => t.Key))}");

    private static int Length(string text) => new StringInfo(text).LengthInTextElements;

    private static bool Allowed(string text) =>
        text.All(c => char.IsLetterOrDigit(c) || c == ' ' || "+-=._:/@".Contains(c, StringComparison.Ordinal));
}
