using System.Globalization;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// The bucket list's view in its URL (<c>?q=back&amp;sort=size&amp;dir=desc&amp;page=2&amp;size=100</c>), so a reload or a
/// pasted link lands on the same view: read leniently (a bad value gets the default), written without the defaults.
/// </summary>
public static class BucketListUrl
{
    /// <summary>The query the URL's values ask for, normalized.</summary>
    public static BucketListQuery Parse(string? filter, string? sort, string? direction, string? page, string? size) =>
        new BucketListQuery(
            FilterText.Clean(filter, out _),
            QueryValues.Choice<BucketSort>(sort) ?? BucketSort.Name,
            string.Equals(direction, "desc", StringComparison.OrdinalIgnoreCase),
            QueryValues.Number(page, 1, FilterText.MaxPage) ?? 1,
            QueryValues.Number(size, 1, BucketListQuery.PageSizes.Max()) ?? BucketListQuery.DefaultPageSize)
        .Normalized();

    /// <summary>The list's URL for <paramref name="query"/>.</summary>
    public static string For(string tenant, BucketListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string>();
        if (query.Filter is { Length: > 0 } filter)
        {
            parts.Add("q=" + Uri.EscapeDataString(filter));
        }
        if (query.Sort != BucketSort.Name)
        {
            parts.Add("sort=" + Slug(query.Sort));
        }
        if (query.Descending)
        {
            parts.Add("dir=desc");
        }
        if (query.Page > 1)
        {
            parts.Add("page=" + query.Page.ToString(CultureInfo.InvariantCulture));
        }
        if (query.PageSize != BucketListQuery.DefaultPageSize)
        {
            parts.Add("size=" + query.PageSize.ToString(CultureInfo.InvariantCulture));
        }
        return BucketLinks.List(tenant) + (parts.Count > 0 ? "?" + string.Join('&', parts) : string.Empty);
    }

    /// <summary><c>name</c>, <c>status</c>, <c>users</c>, <c>size</c>, <c>created</c>.</summary>
    public static string Slug(BucketSort sort) => sort.ToString().ToLowerInvariant();
}
