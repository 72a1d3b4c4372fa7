using System.Security.Claims;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Identity.SingleSignOn;
using HikubePortal.Web.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace HikubePortal.Web.Endpoints;

/// <summary>Account actions that render nothing: sign-out (a form post with the antiforgery token).</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, HttpContext http, IAccountService account, ProviderStatus provider, CancellationToken cancellationToken) =>
        {
            var signedInWithProvider = http.User.FindFirstValue(ClaimTypes.AuthenticationMethod) == SingleSignOnService.AuthenticationMethod;
            await account.SignOutAsync(cancellationToken);
            var target = LocalUrl.OrDefault(returnUrl, "/account/login");
            if (signedInWithProvider && await provider.SupportsSignOutAsync(cancellationToken))
            {
                // RP-initiated logout: the provider ends its session too, then sends the browser back here.
                await http.SignOutAsync(SingleSignOnRegistration.Scheme, new AuthenticationProperties { RedirectUri = target });
                return Results.Empty;
            }
            return TypedResults.LocalRedirect(target);
        }).AllowAnonymous();
        return endpoints;
    }
}
