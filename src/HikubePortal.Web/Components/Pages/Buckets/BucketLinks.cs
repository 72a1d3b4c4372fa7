namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>The URLs of the bucket pages, fragments and actions.</summary>
public static class BucketLinks
{
    public static string List(string tenant) => $"/t/{E(tenant)}/buckets";

    public static string New(string tenant) => $"{List(tenant)}/new";

    public static string NameCheck(string tenant) => $"{List(tenant)}/_check-name";

    public static string Page(string tenant, string bucket, string? tab = null) =>
        $"{List(tenant)}/{E(bucket)}" + (tab is null or "overview" ? string.Empty : $"?tab={E(tab)}");

    public static string Objects(string tenant, string bucket) => $"{Page(tenant, bucket)}/objects";

    /// <summary>The uploads page (upload files, unfinished multipart uploads).</summary>
    public static string Uploads(string tenant, string bucket) => $"{Page(tenant, bucket)}/uploads";

    public static string Row(string tenant, string bucket) => $"{Page(tenant, bucket)}/row";

    public static string Job(string tenant, string bucket) => $"{Page(tenant, bucket)}/job";

    private static string E(string value) => Uri.EscapeDataString(value);
}
