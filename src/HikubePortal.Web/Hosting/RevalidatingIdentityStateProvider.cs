using System.Security.Claims;
using HikubePortal.Application.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// The authentication state of an interactive circuit, checked again every <see cref="SecurityOptions.CircuitRevalidation"/>
/// (30 s by default): the account must still exist, not be disabled, and have the security stamp the session was issued
/// with (a changed password or two-factor setting, a disable, signs every open circuit out). Tenant memberships are not
/// part of the session: every service call reads them (TenantAccessService).
/// </summary>
internal sealed class RevalidatingIdentityStateProvider(
    ILoggerFactory loggers,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<SecurityOptions> security) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => security.Value.CircuitRevalidation;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await IsStillValidAsync(users, authenticationState.User);
    }

    private async Task<bool> IsStillValidAsync(UserManager<PortalUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.DisabledAt is not null)
        {
            return false;
        }
        var sessionStamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return !users.SupportsUserSecurityStamp || sessionStamp == await users.GetSecurityStampAsync(user);
    }
}
