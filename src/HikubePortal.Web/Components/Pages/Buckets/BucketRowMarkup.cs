using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using HikubePortal.Application.Buckets;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// A bucket's cells on the list as one piece of markup, made once per bucket, change and wording of its age ("5 days
/// ago") and shared by every open list that shows it. Written in Razor, each element, attribute and text of a row is a
/// render-tree frame that an open page keeps twice (its current and its previous render) for as long as it stays open:
/// about 60 a row, 3,000 for a page of 50, most of a circuit's memory. As markup, a row's cells are one frame.
/// Every text and attribute value goes through <see cref="HtmlEncoder"/>; only the icons' SVG paths (MudBlazor's
/// constants) are written as they are.
/// </summary>
public static class BucketRowMarkup
{
    // Keyed by the summary itself: the tenant's watch cache makes one per bucket and change and hands the same to every
    // page, so each is written once; a summary that is gone takes its markup with it.
    private static readonly ConditionalWeakTable<BucketSummary, Written> Cache = [];

    private static HtmlEncoder Encoder => HtmlEncoder.Default;

    /// <summary>
    /// The cells of <paramref name="bucket"/>'s row on <paramref name="tenant"/>'s list, its age told as at
    /// <paramref name="now"/>. The lists open at the same time word the age alike, so they share the same string; when
    /// the words change (a minute later, a day later) the next render writes the row again.
    /// </summary>
    public static MarkupString Cells(string tenant, BucketSummary bucket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var age = bucket.CreatedAt is { } created ? RelativeTime.Describe(created, now) : null;
        if (Cache.TryGetValue(bucket, out var written) && string.Equals(written.Tenant, tenant, StringComparison.Ordinal)
            && string.Equals(written.Age, age, StringComparison.Ordinal))
        {
            return written.Cells;
        }
        var cells = new MarkupString(Write(tenant, bucket, age));
        Cache.AddOrUpdate(bucket, new Written(tenant, age, cells));
        return cells;
    }

    /// <summary>The state chip: ● Ready, ◌ Provisioning (spinning), ✕ Failed: the reason, ⌫ Deleting (spinning).</summary>
    public static MarkupString Chip(BucketState state)
    {
        var html = new StringBuilder(768);
        WriteChip(html, state);
        return new MarkupString(html.ToString());
    }

    private static string Write(string tenant, BucketSummary bucket, string? age)
    {
        var html = new StringBuilder(2048);
        html.Append("<td class=\"mud-table-cell\" data-label=\"Name\"><a href=\"").Append(Encoder.Encode(BucketLinks.Page(tenant, bucket.Name)))
            .Append("\" class=\"mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-body2\" style=\"font-weight: 500\">")
            .Append(Encoder.Encode(bucket.Name)).Append("</a>");
        if (bucket.StoragePool is { } pool)
        {
            html.Append("<span class=\"mud-typography mud-typography-caption mud-secondary-text d-block\">pool ").Append(Encoder.Encode(pool)).Append("</span>");
        }
        html.Append("</td><td class=\"mud-table-cell\" data-label=\"Status\">");
        WriteChip(html, bucket.State);
        var users = string.Join(", ", bucket.Users.Select(u => u.ReadOnly ? u.Name + " (read-only)" : u.Name));
        var count = bucket.Users.Count.ToString(CultureInfo.InvariantCulture);
        html.Append("</td><td class=\"mud-table-cell\" data-label=\"Users\"><span title=\"").Append(Encoder.Encode(users)).Append("\">")
            .Append(bucket.ReadOnlyUsers == 0 ? count : $"{count}, {bucket.ReadOnlyUsers.ToString(CultureInfo.InvariantCulture)} read-only")
            .Append("</span></td><td class=\"mud-table-cell\" data-label=\"Size\">");
        html.Append(bucket.SizeBytes is { } size
            ? $"<span class=\"text-nowrap\">{Encoder.Encode(BucketFormat.Bytes(size))}</span>"
            : "<span title=\"The platform reports no size for this bucket (yet)\">—</span>");
        html.Append("</td><td class=\"mud-table-cell\" data-label=\"Locking\">");
        html.Append(bucket.Locking
            ? $"{Svg(Icons.Material.Filled.Lock, "small", "Object locking: COMPLIANCE, 365 days")}<span class=\"visually-hidden\">Object locking on</span>"
            : "<span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">No object locking</span>");
        html.Append("</td><td class=\"mud-table-cell\" data-label=\"Created\">");
        if (bucket.CreatedAt is { } created)
        {
            // TimeAgo's markup.
            var utc = created.UtcDateTime;
            html.Append("<time datetime=\"").Append(utc.ToString("O", CultureInfo.InvariantCulture)).Append("\" title=\"")
                .Append(utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append("\">").Append(Encoder.Encode(age!)).Append("</time>");
        }
        return html.Append("</td>").ToString();
    }

    private static void WriteChip(StringBuilder html, BucketState state)
    {
        var (colour, icon) = state.Phase switch
        {
            BucketPhase.Ready => ("success", Icons.Material.Filled.CheckCircle),
            BucketPhase.Failed => ("error", Icons.Material.Filled.Cancel),
            BucketPhase.Deleting => ("default", null),
            _ => ("info", (string?)null),
        };
        var explanation = Encoder.Encode(BucketStatusText.Explain(state));
        html.Append("<div class=\"mud-chip-container\"><div class=\"mud-chip mud-chip-text mud-chip-size-small mud-chip-color-").Append(colour)
            .Append(" ma-0 portal-status-chip\" title=\"").Append(explanation).Append("\" data-bucket-phase=\"").Append(state.Phase).Append("\">");
        if (icon is not null)
        {
            html.Append(Svg(icon, "small mud-chip-icon", title: null));
        }
        html.Append("<span class=\"mud-chip-content\">");
        if (icon is null)
        {
            // MudProgressCircular's markup: something is happening.
            html.Append("<div class=\"mud-progress-circular mud-").Append(colour)
                .Append("-text mud-progress-circular-small mud-progress-indeterminate mr-1\" role=\"progressbar\" aria-hidden=\"true\" style=\"width: 12px; height: 12px\">")
                .Append("<svg class=\"mud-progress-circular-svg\" viewBox=\"22 22 44 44\"><circle class=\"mud-progress-circular-circle mud-progress-indeterminate\" cx=\"44\" cy=\"44\" r=\"20\" fill=\"none\" stroke-width=\"3\"></circle></svg></div>");
        }
        html.Append(Encoder.Encode(BucketStatusText.Headline(state))).Append("</span></div></div><span class=\"visually-hidden\">").Append(explanation).Append("</span>");
    }

    /// <summary>A MudIcon's markup: <paramref name="path"/> is one of MudBlazor's icon constants.</summary>
    private static string Svg(string path, string size, string? title) =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-{size}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">"
        + (title is null ? "" : $"<title>{Encoder.Encode(title)}</title>") + path + "</svg>";

    private sealed record Written(string Tenant, string? Age, MarkupString Cells);
}
