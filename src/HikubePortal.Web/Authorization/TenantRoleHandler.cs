using HikubePortal.Application.Tenants;
using Microsoft.AspNetCore.Authorization;

namespace HikubePortal.Web.Authorization;

/// <summary>Checks the current user's membership in the route's tenant.</summary>
internal sealed class TenantRoleHandler : AuthorizationHandler<TenantRoleRequirement>
{
    /// <summary>Failure reason: not a member (answered 404).</summary>
    public const string NotMember = "not-a-member";

    /// <summary>Failure reason: a member with a lower role (answered 403).</summary>
    public const string RoleTooLow = "role-too-low";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantRoleRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http?.GetRouteValue("tenant") is not string tenant)
        {
            context.Fail(new AuthorizationFailureReason(this, NotMember));
            return;
        }
        var access = await http.RequestServices.GetRequiredService<ITenantAccessService>().FindAsync(tenant, http.RequestAborted);
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
}
