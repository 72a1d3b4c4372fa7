using HikubePortal.Application.Tenants;
using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.Web.Components.Legacy;

/// <summary>Breadcrumb trails of the bucket pages.</summary>
public static class LegacyBucketCrumbs
{
    public static IReadOnlyList<(string Text, string Href)> Tenant(string tenant) =>
        [(TenantNames.Namespace(tenant), $"/t/{tenant}")];

    public static IReadOnlyList<(string Text, string Href)> List(string tenant) =>
        [.. Tenant(tenant), ("Buckets", BucketLinks.List(tenant))];

    public static IReadOnlyList<(string Text, string Href)> Bucket(string tenant, string bucket) =>
        [.. List(tenant), (bucket, BucketLinks.Page(tenant, bucket))];
}
