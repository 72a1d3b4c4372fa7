using System.Globalization;
using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>How the page is sorted: within the page only (a page is one S3 request, in key order).</summary>
public enum ObjectSort
{
    Name,
    Size,
    Modified,
}

/// <summary>
/// The browser's state, all in the URL: folder, search, page size, the page's continuation token, the trail of
/// the previous pages' tokens (for Previous), the page number (for "showing 101–200"), the sort and the object whose
/// details are open. The trail is bounded (<see cref="MaxTrailLength"/> characters, oldest dropped) so URLs stay short
/// however deep the paging.
/// </summary>
public sealed record ObjectBrowserQuery(
    string Prefix = "",
    string? Search = null,
    int PageSize = ObjectBrowserQuery.DefaultPageSize,
    string? Token = null,
    IReadOnlyList<string>? Trail = null,
    int Page = 1,
    ObjectSort Sort = ObjectSort.Name,
    bool Descending = false,
    string? Open = null)
{
    public const int DefaultPageSize = 100;

    /// <summary>The page sizes offered.</summary>
    public static IReadOnlyList<int> PageSizes => ObjectListQuery.AllowedPageSizes;

    /// <summary>The most characters the trail of previous tokens takes in a URL.</summary>
    public const int MaxTrailLength = 3000;

    /// <summary>Separates tokens in the trail (never in a token: they are base64url with dots).</summary>
    private const char Separator = '~';

    /// <summary>Stands for the first page (which has no token) in the trail.</summary>
    private const string FirstPage = "-";

    public IReadOnlyList<string> PreviousTokens => Trail ?? [];

    /// <summary>From the query string values, tolerant: unknown values fall back to the defaults.</summary>
    public static ObjectBrowserQuery From(
        string? prefix, string? search, string? size, string? token, string? trail, string? page, string? sort, string? dir, string? open = null) =>
        From(prefix, search, QueryValues.Number(size, 1, PageSizes.Max()), token, trail, QueryValues.Number(page, 1, int.MaxValue), sort, dir) with { Open = string.IsNullOrEmpty(open) ? null : open };

    /// <summary>From parsed values, tolerant: unknown values fall back to the defaults.</summary>
    public static ObjectBrowserQuery From(string? prefix, string? search, int? size, string? token, string? trail, int? page, string? sort, string? dir)
    {
        var tokens = string.IsNullOrEmpty(trail) ? [] : trail.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
        var hasToken = !string.IsNullOrEmpty(token);
        return new ObjectBrowserQuery(
            ObjectKey.NormalizeFolder(prefix),
            string.IsNullOrEmpty(search) ? null : search,
            size is { } s && ObjectListQuery.AllowedPageSizes.Contains(s) ? s : DefaultPageSize,
            hasToken ? token : null,
            hasToken ? tokens : [],
            hasToken ? Math.Max(page ?? 2, 2) : 1,
            QueryValues.Choice<ObjectSort>(sort) ?? ObjectSort.Name,
            string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase));
    }

    public ObjectListQuery ToListQuery() => new(Prefix, Search, PageSize, Token);

    /// <summary>Whether <paramref name="other"/> shows the same page of the same folder (only the sort or the open object differ).</summary>
    public bool SamePage(ObjectBrowserQuery? other) =>
        other is not null && other.Prefix == Prefix && other.Search == Search && other.PageSize == PageSize && other.Token == Token;

    /// <summary>The next page: this page's token joins the trail (the oldest drop out past the bound).</summary>
    public ObjectBrowserQuery Next(string nextToken)
    {
        var trail = PreviousTokens.Append(Token ?? FirstPage).ToList();
        while (trail.Count > 1 && string.Join(Separator, trail).Length > MaxTrailLength)
        {
            trail.RemoveAt(0);
        }
        return this with { Token = nextToken, Trail = trail, Page = Page + 1, Open = null };
    }

    /// <summary>The previous page, or null when the trail does not reach back (only the first page is offered then).</summary>
    public ObjectBrowserQuery? Previous()
    {
        if (Page <= 1 || PreviousTokens.Count == 0)
        {
            return null;
        }
        var token = PreviousTokens[^1];
        return token == FirstPage
            ? First()
            : this with { Token = token, Trail = PreviousTokens.Take(PreviousTokens.Count - 1).ToList(), Page = Page - 1, Open = null };
    }

    /// <summary>The first page of the same folder, search, size and sort.</summary>
    public ObjectBrowserQuery First() => this with { Token = null, Trail = [], Page = 1, Open = null };

    /// <summary>The first page of another folder (same size and sort, no search).</summary>
    public ObjectBrowserQuery InFolder(string prefix) => First() with { Prefix = ObjectKey.NormalizeFolder(prefix), Search = null };

    /// <summary>The 1-based index of the first entry of this page.</summary>
    public long FirstIndex => ((long)Page - 1) * PageSize + 1;

    /// <summary>The query string (with <c>?</c>, empty for the defaults), parameters in a fixed order.</summary>
    public string QueryString()
    {
        var parts = new List<string>();
        Add(parts, "prefix", Prefix.Length > 0 ? Prefix : null);
        Add(parts, "q", Search);
        Add(parts, "size", PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null);
        Add(parts, "sort", Sort != ObjectSort.Name ? Sort.ToString().ToLowerInvariant() : null);
        Add(parts, "dir", Descending ? "desc" : null);
        if (Token is not null)
        {
            Add(parts, "token", Token);
            Add(parts, "trail", PreviousTokens.Count > 0 ? string.Join(Separator, PreviousTokens) : null);
            Add(parts, "page", Page.ToString(CultureInfo.InvariantCulture));
        }
        Add(parts, "object", Open);
        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
