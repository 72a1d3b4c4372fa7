using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>The URL of the download-plan API of a bucket (large objects by parallel ranges).</summary>
public static class DownloadLinks
{
    internal const string PlanPath = "/plan";

    public static string Plan(string tenant, string bucket) => $"{BucketLinks.Page(tenant, bucket)}/downloads{PlanPath}";
}
