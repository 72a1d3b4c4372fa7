using System.Text.Json.Serialization;

namespace HikubePortal.Application.Buckets;

/// <summary>How the bucket list is ordered.</summary>
public enum BucketSort
{
    Name,
    Status,
    Users,
    Size,
    Created,
}

/// <summary>Filter (part of the name), order and page of the bucket list.</summary>
public sealed record BucketListQuery(string? Filter = null, BucketSort Sort = BucketSort.Name, bool Descending = false, int Page = 1, int PageSize = 50)
{
    public const int DefaultPageSize = 50;

    /// <summary>The page sizes the list offers.</summary>
    public static IReadOnlyList<int> PageSizes { get; } = [25, 50, 100, 200];

    /// <summary>Page at least 1, a known page size, a trimmed lower-case filter.</summary>
    public BucketListQuery Normalized() => this with
    {
        Filter = string.IsNullOrWhiteSpace(Filter) ? null : Filter.Trim().ToLowerInvariant(),
        Page = Math.Max(1, Page),
        PageSize = PageSizes.Contains(PageSize) ? PageSize : DefaultPageSize,
    };
}

/// <summary>One page of the list.</summary>
/// <param name="Items">The buckets of this page.</param>
/// <param name="Total">Buckets in the tenant.</param>
/// <param name="Matching">Buckets matching the filter.</param>
/// <param name="Query">The query, normalized (the page is clamped to the last one).</param>
/// <param name="PausedSince">
/// Set while the portal cannot follow the cluster: the buckets are the last known ones, as of this time.
/// </param>
/// <param name="Revision">The revision of the tenant's buckets this page shows (see <see cref="IBucketUpdates"/>).</param>
public sealed record BucketListPage(
    IReadOnlyList<BucketSummary> Items, int Total, int Matching, BucketListQuery Query, DateTimeOffset? PausedSince = null, long Revision = 0)
{
    [JsonIgnore] // derived: not in a page's persisted state
    public int PageCount => Math.Max(1, (Matching + Query.PageSize - 1) / Query.PageSize);

    [JsonIgnore]
    public int FirstIndex => Matching == 0 ? 0 : ((Query.Page - 1) * Query.PageSize) + 1;

    [JsonIgnore]
    public int LastIndex => Math.Min(Matching, Query.Page * Query.PageSize);
}

/// <summary>Filters, sorts and pages buckets in memory (one list call brings the whole tenant).</summary>
public static class BucketListing
{
    public static BucketListPage Apply(IReadOnlyCollection<BucketSummary> buckets, BucketListQuery query)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Normalized();
        var matching = q.Filter is null
            ? buckets.ToList()
            : buckets.Where(b => b.Name.Contains(q.Filter, StringComparison.Ordinal)).ToList();
        IOrderedEnumerable<BucketSummary> ordered = q.Sort switch
        {
            BucketSort.Status => Order(matching, b => (int)b.State.Phase, q.Descending),
            BucketSort.Users => Order(matching, b => b.Users.Count, q.Descending),
            BucketSort.Size => Order(matching, b => b.SizeBytes ?? -1, q.Descending),
            BucketSort.Created => Order(matching, b => b.CreatedAt ?? DateTimeOffset.MinValue, q.Descending),
            _ => Order(matching, b => b.Name, q.Descending, StringComparer.Ordinal),
        };
        var sorted = ordered.ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
        var pages = Math.Max(1, (sorted.Count + q.PageSize - 1) / q.PageSize);
        q = q with { Page = Math.Min(q.Page, pages) };
        var items = sorted.Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToList();
        return new BucketListPage(items, buckets.Count, sorted.Count, q);
    }

    private static IOrderedEnumerable<BucketSummary> Order<TKey>(
        IEnumerable<BucketSummary> source, Func<BucketSummary, TKey> key, bool descending, IComparer<TKey>? comparer = null) =>
        descending ? source.OrderByDescending(key, comparer) : source.OrderBy(key, comparer);
}
