using HikubePortal.Application.Objects;
using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>
/// The URLs of the object browser. Keys and prefixes always travel in the query string, percent-encoded (never as
/// path segments, which browsers and proxies normalise: <c>..</c>, <c>%2F</c>, <c>#</c>, <c>?</c>).
/// </summary>
public static class ObjectLinks
{
    public static string Browse(string tenant, string bucket, string? prefix = null) =>
        BucketLinks.Objects(tenant, bucket) + (string.IsNullOrEmpty(prefix) ? string.Empty : "?prefix=" + E(prefix));

    /// <summary>The folder of an object, with the object's details open.</summary>
    public static string Details(string tenant, string bucket, string key) =>
        BucketLinks.Objects(tenant, bucket) + new ObjectBrowserQuery(ObjectKey.ParentOf(key), Open: key).QueryString();

    public static string Preview(string tenant, string bucket, string key) => WithKey(tenant, bucket, "preview", key);

    public static string Download(string tenant, string bucket, string key) => WithKey(tenant, bucket, "download", key);

    /// <summary>One version of an object, streamed through the portal.</summary>
    public static string DownloadVersion(string tenant, string bucket, string key, string versionId) =>
        $"{Download(tenant, bucket, key)}&version={E(versionId)}";

    /// <summary>The object browser at <paramref name="query"/>, with versions shown when <paramref name="versions"/> is set.</summary>
    public static string Browse(string tenant, string bucket, ObjectBrowserQuery query, bool versions)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = BucketLinks.Objects(tenant, bucket) + query.QueryString();
        return !versions ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "versions=1";
    }

    public static string Zip(string tenant, string bucket) => $"{BucketLinks.Objects(tenant, bucket)}/zip";

    public static string ZipFolder(string tenant, string bucket, string prefix) => $"{Zip(tenant, bucket)}?folder={E(prefix)}";

    /// <summary>The progress of a folder-delete job (a page of its own, for a reload or a link).</summary>
    public static string Job(string tenant, string bucket, Guid id) => $"{BucketLinks.Objects(tenant, bucket)}/job?id={id:D}";

    /// <summary>Kept for the bucket page's job card until it moves (the address answers the job page).</summary>
    public static string JobProgress(string tenant, string bucket, Guid id) => Job(tenant, bucket, id);

    private static string WithKey(string tenant, string bucket, string action, string key) =>
        $"{BucketLinks.Objects(tenant, bucket)}/{action}?key={E(key)}";

    private static string E(string value) => Uri.EscapeDataString(value);
}
