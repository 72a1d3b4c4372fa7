using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using Microsoft.AspNetCore.Authorization;

namespace HikubePortal.Web.Authorization;

/// <summary>
/// Policies of the portal. Tenant pages live under <c>/t/{tenant}/...</c> and name the least role they need;
/// a non-member gets 404 (the tenant's existence does not leak), a member with a lower role 403.
/// </summary>
internal static class TenantPolicies
{
    public const string View = "tenant:view";
    public const string Use = "tenant:use";
    public const string Admin = "tenant:admin";
    public const string Operator = "operator";

    public static void AddPortalPolicies(this AuthorizationOptions options)
    {
        foreach (var role in TenantRoles.All)
        {
            options.AddPolicy("tenant:" + role.Slug(), policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new TenantRoleRequirement(role)));
        }
        options.AddPolicy(Operator, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Operator));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}

/// <summary>The route's tenant (route value <c>tenant</c>) must grant at least <see cref="Role"/>.</summary>
internal sealed record TenantRoleRequirement(TenantRole Role) : IAuthorizationRequirement;
