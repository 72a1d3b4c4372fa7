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

    public static string List(string tenant, string bucket) => $"{BucketLinks.Objects(tenant, bucket)}/list";

    public static string Details(string tenant, string bucket, string key) => WithKey(tenant, bucket, "details", key);

    public static string Preview(string tenant, string bucket, string key) => WithKey(tenant, bucket, "preview", key);

    public static string Download(string tenant, string bucket, string key) => WithKey(tenant, bucket, "download", key);

    public static string Share(string tenant, string bucket, string key) => WithKey(tenant, bucket, "share", key);

    public static string Move(string tenant, string bucket, string key) => WithKey(tenant, bucket, "move", key);

    public static string Delete(string tenant, string bucket) => $"{BucketLinks.Objects(tenant, bucket)}/delete";

    public static string DeleteObject(string tenant, string bucket, string key) => WithKey(tenant, bucket, "delete", key);

    public static string DeleteFolder(string tenant, string bucket, string prefix) => $"{Delete(tenant, bucket)}?folder={E(prefix)}";

    public static string Zip(string tenant, string bucket) => $"{BucketLinks.Objects(tenant, bucket)}/zip";

    public static string ZipFolder(string tenant, string bucket, string prefix) => $"{Zip(tenant, bucket)}?folder={E(prefix)}";

    public static string Folders(string tenant, string bucket) => $"{BucketLinks.Objects(tenant, bucket)}/folders";

    public static string Job(string tenant, string bucket, Guid id) => $"{BucketLinks.Objects(tenant, bucket)}/job?id={id:D}";

    public static string JobProgress(string tenant, string bucket, Guid id) => $"{BucketLinks.Objects(tenant, bucket)}/job-progress?id={id:D}";

    private static string WithKey(string tenant, string bucket, string action, string key) =>
        $"{BucketLinks.Objects(tenant, bucket)}/{action}?key={E(key)}";

    private static string E(string value) => Uri.EscapeDataString(value);
}
