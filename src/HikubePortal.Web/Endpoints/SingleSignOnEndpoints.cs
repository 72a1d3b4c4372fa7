using HikubePortal.Application.Common;
using HikubePortal.Application.Identity.SingleSignOn;
using HikubePortal.Web.Hosting;
using HikubePortal.Web.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

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
        catch (Exception ex) when (ex is InvalidOperationException or OpenIdConnectProtocolException or HttpRequestException or IOException)
        {
            // The configuration could not be read after all (InvalidOperationException), or the provider refused the
            // pushed authorization request the handler sends when the provider offers one (wrong client secret...).
            var reason = SingleSignOnFailures.Report(http, ex, ex is InvalidOperationException ? SingleSignOnFailures.Unreachable : null);
            return TypedResults.LocalRedirect(SingleSignOnFailures.PagePath(reason));
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
