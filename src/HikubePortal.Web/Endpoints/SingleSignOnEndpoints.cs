using HikubePortal.Application.Common;
using HikubePortal.Application.Identity.SingleSignOn;
using HikubePortal.Web.Hosting;
using HikubePortal.Web.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Endpoints;

/// <summary>
/// Single sign-on: the sign-in button's post starts the handler's challenge (authorization code + PKCE); after the
/// handler's callback (<c>/signin-oidc</c>) validated the answer, <c>/account/sso/complete</c> maps the account and
/// opens the portal session. Every way it can fail ends on the failure page in plain words.
/// </summary>
internal static class SingleSignOnEndpoints
{
    public const string StartPath = "/account/sso";
    private const string CompletePath = "/account/sso/complete";

    public static IEndpointRouteBuilder MapSingleSignOnEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StartPath, StartAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        endpoints.MapGet(CompletePath, CompleteAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> StartAsync([FromForm] string? returnUrl, HttpContext http, ProviderStatus provider, CancellationToken cancellationToken)
    {
        var local = LocalUrl.OrDefault(returnUrl, "/");
        if (!await provider.IsReachableAsync(cancellationToken))
        {
            return TypedResults.LocalRedirect(SingleSignOnFailures.PagePath(SingleSignOnFailures.Unreachable));
        }
        var properties = new AuthenticationProperties { RedirectUri = $"{CompletePath}?returnUrl={Uri.EscapeDataString(local)}" };
        try
        {
            await http.ChallengeAsync(SingleSignOnRegistration.Scheme, properties);
        }
        catch (InvalidOperationException)
        {
            // The provider's configuration could not be read after all (it went away since the check).
            return TypedResults.LocalRedirect(SingleSignOnFailures.PagePath(SingleSignOnFailures.Unreachable));
        }
        return Results.Empty;
    }

    private static async Task<IResult> CompleteAsync(
        string? returnUrl, HttpContext http, ISingleSignOnService sso, IOptions<OidcOptions> settings, CancellationToken cancellationToken)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // The external cookie has done its job whatever happens next.
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || OidcClaims.Read(external.Principal, settings.Value) is not { } identity)
        {
            return TypedResults.LocalRedirect(SingleSignOnFailures.PagePath(SingleSignOnFailures.Expired));
        }
        SingleSignOnOutcome outcome;
        try
        {
            outcome = await sso.SignInAsync(identity, cancellationToken);
        }
        catch (ConflictException)
        {
            return TypedResults.LocalRedirect(SingleSignOnFailures.PagePath(SingleSignOnFailures.Retry));
        }
        return outcome == SingleSignOnOutcome.SignedIn
            ? TypedResults.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/"))
            : TypedResults.LocalRedirect(SingleSignOnFailures.PagePath(SingleSignOnFailures.ReasonFor(outcome)));
    }
}
