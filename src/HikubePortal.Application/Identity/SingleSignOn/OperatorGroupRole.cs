using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Identity.SingleSignOn;

/// <summary>The operator role of single sign-on accounts follows <see cref="OidcOptions.OperatorGroups"/> (when any is set).</summary>
internal sealed class OperatorGroupRole(UserManager<PortalUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<OidcOptions> options)
{
    /// <summary>True or false from the groups; null when no operator group is configured (the role is then left alone).</summary>
    public bool? IsOperator(IReadOnlyList<string> groups) =>
        options.Value.OperatorGroups.Count == 0 ? null : TenantGroups.ContainsAny(groups, options.Value.OperatorGroups);

    public async Task<IReadOnlyList<AuditRecord>> ApplyAsync(PortalUser user, bool? isOperator, string provider)
    {
        if (isOperator is not { } wanted || wanted == await users.IsInRoleAsync(user, PortalRoles.Operator))
        {
            return [];
        }
        if (wanted)
        {
            if (!await roles.RoleExistsAsync(PortalRoles.Operator))
            {
                IdentityErrors.ThrowIfFailed(await roles.CreateAsync(new IdentityRole<Guid>(PortalRoles.Operator)), "");
            }
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, PortalRoles.Operator), "");
        }
        else
        {
            IdentityErrors.ThrowIfFailed(await users.RemoveFromRoleAsync(user, PortalRoles.Operator), "");
        }
        return [new AuditRecord(wanted ? AuditActions.OperatorGranted : AuditActions.OperatorRevoked, Target: user.Email, Detail: $"operator group at {provider}")
            { UserId = user.Id, UserName = user.Email }];
    }
}
