using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Versions;
using S3Rule = Amazon.S3.Model.LifecycleRule;

namespace HikubePortal.Storage.Versions;

/// <summary>
/// Between the editor's <see cref="Application.Versions.LifecycleRule"/> and the SDK's rule: every editor rule has an SDK
/// form; an SDK rule has an editor form only with no filter, a prefix (also the legacy rule prefix) or one tag, and only
/// the actions the editor writes (expiry in days, older versions, expired delete markers, unfinished uploads).
/// </summary>
internal static class LifecycleMapping
{
    public static S3Rule ToS3(Application.Versions.LifecycleRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new S3Rule
        {
            Id = rule.Id,
            Status = rule.Enabled ? LifecycleRuleStatus.Enabled : LifecycleRuleStatus.Disabled,
            Filter = new LifecycleFilter
            {
                LifecycleFilterPredicate = rule.Prefix is not null ? new LifecyclePrefixPredicate { Prefix = rule.Prefix }
                    : rule.TagKey is not null ? new LifecycleTagPredicate { Tag = new Tag { Key = rule.TagKey, Value = rule.TagValue ?? string.Empty } }
                    : null,
            },
            Expiration = rule.ExpireCurrentAfterDays is null && !rule.RemoveExpiredDeleteMarkers ? null : new LifecycleRuleExpiration
            {
                Days = rule.ExpireCurrentAfterDays,
                ExpiredObjectDeleteMarker = rule.RemoveExpiredDeleteMarkers ? true : null,
            },
            NoncurrentVersionExpiration = rule.ExpireNoncurrentAfterDays is not { } noncurrent ? null : new LifecycleRuleNoncurrentVersionExpiration
            {
                NoncurrentDays = noncurrent,
                NewerNoncurrentVersions = rule.KeepNewestNoncurrent,
            },
            AbortIncompleteMultipartUpload = rule.AbortIncompleteUploadsAfterDays is not { } abort ? null
                : new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = abort },
        };
    }

    /// <summary>The editor's form of a rule, or null when the editor cannot show it without losing part of it.</summary>
    public static Application.Versions.LifecycleRule? FromS3(S3Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrEmpty(rule.Id) || rule.Transitions is { Count: > 0 } || rule.NoncurrentVersionTransitions is { Count: > 0 }
            || rule.Expiration?.Date is not null || !TryFilter(rule, out var prefix, out var tag))
        {
            return null;
        }
        var expire = Positive(rule.Expiration?.Days);
        var markers = rule.Expiration?.ExpiredObjectDeleteMarker == true;
        var noncurrent = Positive(rule.NoncurrentVersionExpiration?.NoncurrentDays);
        var keep = noncurrent is null ? null : Positive(rule.NoncurrentVersionExpiration?.NewerNoncurrentVersions);
        var abort = Positive(rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation);
        if (expire is null && !markers && noncurrent is null && abort is null)
        {
            return null;
        }
        return new Application.Versions.LifecycleRule(rule.Id, rule.Status == LifecycleRuleStatus.Enabled, prefix, tag?.Key, tag?.Value,
            expire, noncurrent, keep, markers, abort);
    }

    private static bool TryFilter(S3Rule rule, out string? prefix, out Tag? tag)
    {
#pragma warning disable CS0618 // the rule prefix of the first lifecycle API: other tools still write it
        var legacy = string.IsNullOrEmpty(rule.Prefix) ? null : rule.Prefix;
#pragma warning restore CS0618
        prefix = null;
        tag = null;
        var filter = rule.Filter;
        if (filter is null)
        {
            prefix = legacy;
            return true;
        }
        if (filter.And is not null || filter.ObjectSizeGreaterThan is not null || filter.ObjectSizeLessThan is not null || legacy is not null)
        {
            return false;
        }
        // The SDK reads a filter into its predicate; a filter built by hand may use the plain properties.
        switch (filter.LifecycleFilterPredicate)
        {
            case null:
                prefix = string.IsNullOrEmpty(filter.Prefix) ? null : filter.Prefix;
                tag = filter.Tag;
                return prefix is null || tag is null;
            case LifecyclePrefixPredicate p when filter.Prefix is null && filter.Tag is null:
                prefix = string.IsNullOrEmpty(p.Prefix) ? null : p.Prefix;
                return true;
            case LifecycleTagPredicate t when filter.Prefix is null && filter.Tag is null && t.Tag is not null:
                tag = t.Tag;
                return true;
            default:
                return false;
        }
    }

    private static int? Positive(int? days) => days is > 0 ? days : null;
}
