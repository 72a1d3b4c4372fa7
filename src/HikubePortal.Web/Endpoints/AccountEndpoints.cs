using HikubePortal.Application.Identity;
using Microsoft.AspNetCore.Mvc;

namespace HikubePortal.Web.Endpoints;

/// <summary>Account actions that render nothing: sign-out (a form post with the antiforgery token).</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, IAccountService account, CancellationToken cancellationToken) =>
        {
            await account.SignOutAsync(cancellationToken);
            return TypedResults.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/account/login"));
        }).AllowAnonymous();
        return endpoints;
    }
}
