using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HikubePortal.IntegrationTests.SingleSignOn;

/// <summary>
/// An OpenID Provider that misbehaves on purpose, which a real one never does: it answers every authorization
/// request at once (no login form) and signs an id_token with the issuer and audience it is told to, right or wrong.
/// Everything else is correct (discovery, keys, code + PKCE, nonce), so a refusal can only come from iss or aud.
/// </summary>
public sealed class MisbehavingProvider : IAsyncDisposable
{
    public const string ClientId = "hikube-portal-test";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "misbehaving" };
    private readonly ConcurrentDictionary<string, string> _nonces = new();
    private WebApplication _app = null!;

    public string Issuer { get; private set; } = "";

    /// <summary>The <c>iss</c> of the id_tokens it signs (null: its own issuer).</summary>
    public string? TokenIssuer { get; set; }

    /// <summary>The <c>aud</c> of the id_tokens it signs (null: the client).</summary>
    public string? TokenAudience { get; set; }

    /// <summary>The groups its one user has.</summary>
    public IReadOnlyList<string> Groups { get; set; } = [];

    public string Email { get; } = $"{Guid.NewGuid():N}@misbehaving.test";

    public static async Task<MisbehavingProvider> StartAsync()
    {
        var provider = new MisbehavingProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        provider._app = builder.Build();
        provider.Map(provider._app);
        await provider._app.StartAsync();
        provider.Issuer = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return provider;
    }

    /// <summary>The portal's settings for this provider.</summary>
    public IReadOnlyDictionary<string, string?> PortalSettings => new Dictionary<string, string?>
    {
        ["Oidc:Authority"] = Issuer,
        ["Oidc:ClientId"] = ClientId,
        ["Oidc:ClientSecret"] = "test-secret",
    };

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["userinfo_endpoint"] = $"{Issuer}/userinfo",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new
            {
                kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId,
                n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent),
            } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            _nonces[code] = request.Query["nonce"].ToString();
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!_nonces.TryRemove(form["code"].ToString(), out var nonce))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = TokenIssuer ?? Issuer,
                Audience = TokenAudience ?? ClientId,
                IssuedAt = DateTime.UtcNow,
                Expires = DateTime.UtcNow.AddMinutes(5),
                Claims = new Dictionary<string, object> { ["sub"] = "misbehaving-user", ["nonce"] = nonce, ["email"] = Email },
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { id_token = idToken, access_token = Guid.NewGuid().ToString("N"), token_type = "Bearer", expires_in = 300 });
        });
        app.MapGet("/userinfo", () => Results.Json(new { sub = "misbehaving-user", email = Email, email_verified = true, groups = Groups }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
