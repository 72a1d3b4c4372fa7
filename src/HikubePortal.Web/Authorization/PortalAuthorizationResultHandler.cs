using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace HikubePortal.Web.Authorization;

/// <summary>
/// Answers a refused signed-in user with a status code the status pages turn into a clear page:
/// 404 for a tenant they are not a member of, 403 for a role too low. Anonymous users are sent to sign in.
/// </summary>
internal sealed class PortalAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
        var notMember = authorizeResult.AuthorizationFailure?.FailureReasons
            .Any(r => r.Message == TenantRoleHandler.NotMember) == true;
        context.Response.StatusCode = notMember ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
