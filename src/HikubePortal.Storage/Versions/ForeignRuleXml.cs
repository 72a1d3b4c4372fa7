using System.Globalization;
using System.Xml.Linq;
using Amazon.S3.Model;
using S3Rule = Amazon.S3.Model.LifecycleRule;

namespace HikubePortal.Storage.Versions;

/// <summary>
/// A lifecycle rule the editor does not understand, written out as S3 XML (element names of the S3 API, no namespace,
/// indented) from the fields the SDK read, so that a tenant admin can see what it does.
/// </summary>
internal static class ForeignRuleXml
{
    public static string Render(S3Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
#pragma warning disable CS0618 // the rule prefix of the first lifecycle API: other tools still write it
        var legacyPrefix = rule.Prefix;
#pragma warning restore CS0618
        var element = new XElement("Rule",
            Optional("ID", rule.Id),
            rule.Filter is null ? null : Filter(rule.Filter),
            Optional("Prefix", legacyPrefix),
            Optional("Status", rule.Status?.Value),
            rule.Expiration is not { } e ? null : new XElement("Expiration",
                Optional("Date", Date(e.Date)), Optional("Days", e.Days), Optional("ExpiredObjectDeleteMarker", Bool(e.ExpiredObjectDeleteMarker))),
            (rule.Transitions ?? []).Select(t => new XElement("Transition",
                Optional("Date", Date(t.Date)), Optional("Days", t.Days), Optional("StorageClass", t.StorageClass?.Value))),
            rule.NoncurrentVersionExpiration is not { } n ? null : new XElement("NoncurrentVersionExpiration",
                Optional("NoncurrentDays", n.NoncurrentDays), Optional("NewerNoncurrentVersions", n.NewerNoncurrentVersions)),
            (rule.NoncurrentVersionTransitions ?? []).Select(t => new XElement("NoncurrentVersionTransition",
                Optional("NoncurrentDays", t.NoncurrentDays), Optional("NewerNoncurrentVersions", t.NewerNoncurrentVersions),
                Optional("StorageClass", t.StorageClass?.Value))),
            rule.AbortIncompleteMultipartUpload is not { } a ? null : new XElement("AbortIncompleteMultipartUpload",
                Optional("DaysAfterInitiation", a.DaysAfterInitiation)));
        return element.ToString();
    }

    private static XElement Filter(LifecycleFilter filter) => new("Filter",
        filter.LifecycleFilterPredicate is { } predicate ? Predicate(predicate) : null,
        Optional("Prefix", filter.Prefix),
        filter.Tag is null ? null : Tag(filter.Tag),
        filter.And is not { } and ? null : new XElement("And",
            Optional("Prefix", and.Prefix), (and.Tags ?? []).Select(Tag),
            Optional("ObjectSizeGreaterThan", and.ObjectSizeGreaterThan), Optional("ObjectSizeLessThan", and.ObjectSizeLessThan)),
        Optional("ObjectSizeGreaterThan", filter.ObjectSizeGreaterThan),
        Optional("ObjectSizeLessThan", filter.ObjectSizeLessThan));

    private static object? Predicate(LifecycleFilterPredicate predicate) => predicate switch
    {
        LifecyclePrefixPredicate p => Optional("Prefix", p.Prefix),
        LifecycleTagPredicate t => t.Tag is null ? null : Tag(t.Tag),
        LifecycleObjectSizeGreaterThanPredicate g => Optional("ObjectSizeGreaterThan", g.ObjectSizeGreaterThan),
        LifecycleObjectSizeLessThanPredicate l => Optional("ObjectSizeLessThan", l.ObjectSizeLessThan),
        LifecycleAndOperator and => new XElement("And", (and.Operands ?? []).Select(Predicate)),
        _ => new XComment(predicate.GetType().Name),
    };

    private static XElement Tag(Tag tag) => new("Tag", new XElement("Key", tag.Key), new XElement("Value", tag.Value ?? string.Empty));

    private static XElement? Optional(string name, object? value) => value is null ? null : new XElement(name, value);

    private static string? Date(DateTime? date) =>
        S3Values.ToOffset(date)?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value switch { null => null, true => "true", false => "false" };
}
