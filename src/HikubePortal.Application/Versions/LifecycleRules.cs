using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Application.Versions;

/// <summary>
/// The checks a lifecycle configuration passes before it is saved, with the S3 rules spelled out in words: ids unique
/// (also against the rules of other tools that are kept), 1 to 255 characters; days from 1 to <see cref="MaxDays"/>;
/// a prefix well-formed as an object key; one tag at most, checked as object tags are; at least one action per rule;
/// no delete-marker clean-up together with an expiry in days, and neither it nor the multipart clean-up with a tag filter.
/// </summary>
public static class LifecycleRules
{
    public const int MaxRules = 1000;
    public const int MaxIdLength = 255;
    public const int MaxDays = 36_500;
    public const int MaxKeepNewest = 100;

    /// <summary>The rules trimmed and normalized; an <see cref="InvalidException"/> naming the first problem.</summary>
    public static IReadOnlyList<LifecycleRule> Validate(IReadOnlyList<LifecycleRule> rules, IReadOnlyList<ForeignLifecycleRule> kept)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(kept);
        if (rules.Count + kept.Count > MaxRules)
        {
            throw InvalidException.For("rules", $"A bucket has at most {MaxRules} lifecycle rules.");
        }
        var ids = new HashSet<string>(kept.Where(k => k.Id is not null).Select(k => k.Id!), StringComparer.Ordinal);
        var clean = new List<LifecycleRule>(rules.Count);
        foreach (var raw in rules)
        {
            var rule = Normalize(raw);
            if (!ids.Add(rule.Id))
            {
                throw InvalidException.For("id", $"Two rules are named {rule.Id}: give each rule its own name.");
            }
            clean.Add(rule);
        }
        return clean;
    }

    /// <summary>One rule trimmed and checked (ids are checked against each other by <see cref="Validate"/>).</summary>
    public static LifecycleRule Normalize(LifecycleRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var id = (rule.Id ?? string.Empty).Trim();
        if (id.Length == 0)
        {
            throw InvalidException.For("id", "Every rule needs a name.");
        }
        if (id.Length > MaxIdLength || id.Any(char.IsControl))
        {
            throw InvalidException.For("id", $"A rule name has at most {MaxIdLength} characters and no control characters.");
        }
        var prefix = string.IsNullOrEmpty(rule.Prefix) ? null : rule.Prefix;
        var tagKey = string.IsNullOrWhiteSpace(rule.TagKey) ? null : rule.TagKey.Trim();
        var tagValue = tagKey is null ? null : (rule.TagValue ?? string.Empty).Trim();
        if (prefix is not null && tagKey is not null)
        {
            throw InvalidException.For("filter", $"Rule {id}: choose a folder prefix or a tag, not both.");
        }
        if (prefix is not null)
        {
            if (prefix.StartsWith('/'))
            {
                throw InvalidException.For("prefix", $"Rule {id}: a prefix starts with the first folder's name, not with '/'.");
            }
            ObjectKey.EnsureValid(prefix, "prefix");
            if (prefix.Any(char.IsControl))
            {
                throw InvalidException.For("prefix", $"Rule {id}: a prefix cannot contain control characters.");
            }
        }
        if (tagKey is not null)
        {
            ObjectTags.Validate([new(tagKey, tagValue!)]);
        }
        var expire = Days(rule.ExpireCurrentAfterDays, id, "expire");
        var noncurrent = Days(rule.ExpireNoncurrentAfterDays, id, "noncurrent");
        var abort = Days(rule.AbortIncompleteUploadsAfterDays, id, "abort");
        if (rule.KeepNewestNoncurrent is { } keep)
        {
            if (noncurrent is null)
            {
                throw InvalidException.For("keep", $"Rule {id}: keeping the newest older versions goes with expiring older versions; set their days too.");
            }
            if (keep < 1 || keep > MaxKeepNewest)
            {
                throw InvalidException.For("keep", $"Rule {id}: keep from 1 to {MaxKeepNewest} older versions.");
            }
        }
        if (expire is null && noncurrent is null && abort is null && !rule.RemoveExpiredDeleteMarkers)
        {
            throw InvalidException.For("actions", $"Rule {id} does nothing: choose at least one action.");
        }
        if (rule.RemoveExpiredDeleteMarkers && expire is not null)
        {
            throw InvalidException.For("actions", $"Rule {id}: S3 cannot remove expired delete markers in the same rule that expires current objects; make two rules.");
        }
        if (tagKey is not null && (rule.RemoveExpiredDeleteMarkers || abort is not null))
        {
            throw InvalidException.For("filter", $"Rule {id}: removing delete markers and aborting uploads cannot be limited to a tag (uploads and markers have no tags); use the whole bucket or a prefix.");
        }
        return rule with { Id = id, Prefix = prefix, TagKey = tagKey, TagValue = tagValue, ExpireCurrentAfterDays = expire, ExpireNoncurrentAfterDays = noncurrent, AbortIncompleteUploadsAfterDays = abort };
    }

    /// <summary>What a rule does, in one sentence a tenant admin reads in the list.</summary>
    public static string Describe(LifecycleRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var scope = rule.Prefix is not null ? $"objects under {rule.Prefix}"
            : rule.TagKey is not null ? $"objects tagged {rule.TagKey}={rule.TagValue}"
            : "every object";
        var parts = new List<string>(4);
        if (rule.ExpireCurrentAfterDays is { } expire)
        {
            parts.Add($"deletes {scope} {Days(expire)} after they are written");
        }
        if (rule.ExpireNoncurrentAfterDays is { } noncurrent)
        {
            parts.Add(rule.KeepNewestNoncurrent is { } keep
                ? $"deletes older versions of {scope} {Days(noncurrent)} after they are replaced, keeping the newest {keep}"
                : $"deletes older versions of {scope} {Days(noncurrent)} after they are replaced");
        }
        if (rule.RemoveExpiredDeleteMarkers)
        {
            parts.Add($"removes delete markers of {scope} left with no older version");
        }
        if (rule.AbortIncompleteUploadsAfterDays is { } abort)
        {
            parts.Add($"aborts unfinished uploads of {scope} {Days(abort)} after they started");
        }
        var text = string.Join("; ", parts);
        return char.ToUpperInvariant(text[0]) + text[1..] + (rule.Enabled ? "." : " (turned off).");
    }

    private static string Days(int days) => days == 1 ? "1 day" : $"{days:N0} days";

    private static int? Days(int? days, string id, string field) => days switch
    {
        null => null,
        < 1 or > MaxDays => throw InvalidException.For(field, $"Rule {id}: days go from 1 to {MaxDays:N0}."),
        _ => days,
    };
}
