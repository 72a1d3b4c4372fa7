using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Tenants;
using HikubePortal.Web.Authorization;
using HikubePortal.Web.Components.Pages.Buckets;
using static HikubePortal.Web.Endpoints.EndpointRoutes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HikubePortal.Web.Endpoints;

/// <summary>
/// The bucket list's htmx fragments (row refresh, name check). The bucket page is interactive: its reveals, downloads,
/// user changes, live status, usage and delete progress go through its circuit, not through endpoints.
/// </summary>
internal static class BucketEndpoints
{
    public static IEndpointRouteBuilder MapBucketEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var buckets = endpoints.MapGroup("/t/{tenant}/buckets");
        Get(buckets, "/_check-name", TenantPolicies.Admin, CheckNameAsync);
        Get(buckets, "/{name}/row", TenantPolicies.View, RowAsync);
        return endpoints;
    }

    private static async Task<IResult> CheckNameAsync(string tenant, HttpRequest request, IBucketService buckets, CancellationToken cancellationToken)
    {
        var name = request.Query["Input.Name"].FirstOrDefault() ?? request.Query["name"].FirstOrDefault();
        var check = await buckets.CheckNameAsync(tenant, name, cancellationToken);
        return Fragment<NameCheckResult>(new() { ["Check"] = check, ["Tenant"] = tenant });
    }

    /// <summary>A list row; gone buckets answer an empty 200 (htmx removes the row); a failed check answers 204 (keep polling).</summary>
    private static async Task<IResult> RowAsync(string tenant, string name, IBucketService buckets, CancellationToken cancellationToken)
    {
        try
        {
            var bucket = await buckets.GetAsync(tenant, name, cancellationToken);
            return Fragment<BucketRow>(new() { ["Tenant"] = tenant, ["Bucket"] = bucket.Summary });
        }
        catch (NotFoundException)
        {
            return Results.Content(string.Empty, "text/html");
        }
        catch (PortalException ex) when (ex is UnavailableException or ForbiddenException)
        {
            return Results.NoContent();
        }
    }

    private static RazorComponentResult<TComponent> Fragment<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(parameters);
}
