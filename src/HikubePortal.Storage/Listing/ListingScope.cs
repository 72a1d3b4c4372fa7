using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Listing;

/// <summary>
/// What one page of a folder lists, checked: the folder (empty or ending with <c>/</c>), the optional search text
/// within it, and the S3 prefix of both. Object and version listings share it.
/// </summary>
internal sealed record ListingScope(string Folder, string? Search, string S3Prefix)
{
    public static ListingScope Of(ObjectListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!ObjectListQuery.AllowedPageSizes.Contains(query.PageSize))
        {
            throw InvalidException.For("pageSize", "A page shows 50, 100, 200, 500 or 1,000 entries.");
        }
        var folder = ObjectKey.NormalizeFolder(query.Prefix);
        var search = string.IsNullOrEmpty(query.Search) ? null : query.Search;
        var s3Prefix = folder + search;
        if (s3Prefix.Length > 0)
        {
            ObjectKey.EnsureValid(s3Prefix, search is null ? "prefix" : "search");
        }
        return new ListingScope(folder, search, s3Prefix);
    }

    /// <summary>Whether a listed key is the marker object of the folder being listed (not shown in its own listing).</summary>
    public bool IsFolderMarker(string key) => Folder.Length > 0 && key == Folder;

    /// <summary>The folders of a page, from the common prefixes S3 returned.</summary>
    public List<FolderEntry> Folders(IEnumerable<string>? commonPrefixes) =>
        (commonPrefixes ?? []).Select(prefix => new FolderEntry(prefix, ObjectKey.NameWithin(prefix, Folder))).ToList();
}
