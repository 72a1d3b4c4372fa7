using HikubePortal.Application.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace HikubePortal.Web.Authorization;

/// <summary>
/// Checks the current user's membership in the route's tenant: for a request (the resource is its HttpContext) and
/// for interactive routing in a circuit (the resource is the page's RouteData). Scoped, so it asks as the user of
/// the request or circuit it serves.
/// </summary>
internal sealed class TenantRoleHandler(ITenantAccessService tenants) : AuthorizationHandler<TenantRoleRequirement>
{
    /// <summary>Failure reason: not a member (answered 404).</summary>
    public const string NotMember = "not-a-member";

    /// <summary>Failure reason: a member with a lower role (answered 403).</summary>
    public const string RoleTooLow = "role-too-low";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantRoleRequirement requirement)
    {
        var (tenant, aborted) = context.Resource switch
        {
            HttpContext http => (http.GetRouteValue("tenant") as string, http.RequestAborted),
            Microsoft.AspNetCore.Components.RouteData route => (TenantOf(route), CancellationToken.None),
            _ => (null, CancellationToken.None),
        };
        if (tenant is null)
        {
            context.Fail(new AuthorizationFailureReason(this, NotMember));
            return;
        }
        // Interactive routing checks again at every navigation, even a new query string on the same page, and while a
        // check awaits, the router shows "authorizing" instead of the page, which is torn down with its state (a secret
        // just revealed, an open dialog). A tenant the circuit was already allowed in is decided at once; the layout
        // reads the membership again after each navigation, and every service call checks it afresh.
        if (context.Resource is Microsoft.AspNetCore.Components.RouteData && tenants.LastKnown(tenant) is { } known && known.Allows(requirement.Role))
        {
            context.Succeed(requirement);
            return;
        }
        var access = await tenants.FindAsync(tenant, aborted);
        if (access is null)
        {
            context.Fail(new AuthorizationFailureReason(this, NotMember));
        }
        else if (!access.Allows(requirement.Role))
        {
            context.Fail(new AuthorizationFailureReason(this, RoleTooLow));
        }
        else
        {
            context.Succeed(requirement);
        }
    }

    private static string? TenantOf(Microsoft.AspNetCore.Components.RouteData route) =>
        route.RouteValues.FirstOrDefault(v => string.Equals(v.Key, "tenant", StringComparison.OrdinalIgnoreCase)).Value as string;
}
