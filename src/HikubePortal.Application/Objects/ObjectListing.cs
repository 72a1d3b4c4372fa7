namespace HikubePortal.Application.Objects;

/// <summary>
/// One page of a folder. <paramref name="Prefix"/> is the folder (empty or ending with <c>/</c>),
/// <paramref name="Search"/> an optional name prefix searched on the server within it,
/// <paramref name="PageToken"/> the <see cref="ObjectPage.NextPageToken"/> of the previous page.
/// </summary>
public sealed record ObjectListQuery(string Prefix = "", string? Search = null, int PageSize = 100, string? PageToken = null)
{
    /// <summary>The page sizes a listing accepts.</summary>
    public static IReadOnlyList<int> AllowedPageSizes { get; } = [50, 100, 200, 500, 1000];
}

/// <summary>
/// One page of a folder, from exactly one S3 list call: folders and objects in key order
/// (folders first is the caller's choice). <paramref name="NextPageToken"/> is opaque and only
/// valid for the same folder and search; null on the last page.
/// </summary>
public sealed record ObjectPage(
    string Prefix,
    string? Search,
    int PageSize,
    IReadOnlyList<FolderEntry> Folders,
    IReadOnlyList<ObjectEntry> Objects,
    string? NextPageToken);

/// <summary>A folder (S3 common prefix): its full prefix ending with <c>/</c> and its display name.</summary>
public sealed record FolderEntry(string Prefix, string Name);

/// <summary>An object as listed. <paramref name="ETag"/> without quotes.</summary>
public sealed record ObjectEntry(
    string Key,
    string Name,
    long Size,
    DateTimeOffset? LastModified,
    string? ETag,
    string? StorageClass);
