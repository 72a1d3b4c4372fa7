using HikubePortal.Application.Identity.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace HikubePortal.Web.SingleSignOn;

/// <summary>
/// The OpenID Connect handler (authorization code + PKCE) behind "Sign in with &lt;provider&gt;", registered only when
/// <c>Oidc:Authority</c> is set. The handler signs into Identity's external cookie; <c>/account/sso/complete</c> then
/// maps the provider's account to a portal account and opens the portal session.
/// </summary>
internal static class SingleSignOnRegistration
{
    public const string Scheme = "oidc";

    public static void AddPortalSingleSignOn(this WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var services = builder.Services;
        services.AddSingleton<ProviderStatus>();
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{OidcOptions.Section}:{nameof(OidcOptions.Authority)}"]))
        {
            return;
        }
        authentication.AddOpenIdConnect(Scheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<OidcOptions>>((options, settings) => Configure(options, settings.Value));
    }

    private static void Configure(OpenIdConnectOptions options, OidcOptions settings)
    {
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scope in settings.EffectiveScopes)
        {
            options.Scope.Add(scope);
        }
        // The handler's ticket goes to Identity's external cookie, read once by /account/sso/complete; the portal
        // session is Identity's application cookie (AddIdentity-style defaults are not used: schemes are explicit).
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.SignOutScheme = IdentityConstants.ApplicationScheme;
        options.SaveTokens = false; // no token in any cookie, URL or page
        options.GetClaimsFromUserInfoEndpoint = true;
        options.MapInboundClaims = false;
        options.ClaimActions.Remove("iss"); // kept: accounts are keyed by issuer + sub
        options.ClaimActions.MapJsonKey(settings.GroupsClaim, settings.GroupsClaim);
        options.ClaimActions.MapUniqueJsonKey(OidcClaims.EmailVerified, OidcClaims.EmailVerified);
        options.ClaimActions.MapUniqueJsonKey(OidcClaims.PreferredUsername, OidcClaims.PreferredUsername);
        options.TokenValidationParameters.NameClaimType = OidcClaims.Name;
        options.BackchannelTimeout = TimeSpan.FromSeconds(15);
        // The callback is a top-level GET from the provider (response_mode=query): Lax cookies come with it, and
        // Chromium keeps them on plain-http loopback too (it drops SameSite=None ones there).
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        options.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            // RP-initiated logout names the client instead of sending the id_token (no token in a URL).
            context.ProtocolMessage.ClientId = context.Options.ClientId;
            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = SingleSignOnFailures.HandleAsync;
    }
}
