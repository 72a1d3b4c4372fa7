using HikubePortal.Application.Identity.SingleSignOn;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Security headers on every response: a CSP without inline scripts (scripts only from the portal),
/// no framing, no MIME sniffing, no referrer (invitation links carry tokens). <c>connect-src</c> lists the storage
/// origins the portal knows (<see cref="StorageOrigins"/>); a page may add one for its own response
/// (<see cref="AllowConnect"/>: the storage endpoint of the bucket it shows).
/// With single sign-on, forms may also lead to the provider (the sign-in and sign-out posts redirect there).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, StorageOrigins storage, IOptions<OidcOptions> oidc)
{
    private static readonly object ConnectKey = new();

    private readonly string? _provider = ProviderOrigin(oidc.Value);

    /// <summary>Lets the page being rendered connect to <paramref name="origin"/> (scheme, host and port of an http(s) URL).</summary>
    public static void AllowConnect(HttpContext context, Uri origin)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.Scheme is not ("http" or "https"))
        {
            return;
        }
        if (context.Items[ConnectKey] is not HashSet<string> extra)
        {
            context.Items[ConnectKey] = extra = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
        extra.Add(origin.GetLeftPart(UriPartial.Authority));
    }

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        var known = storage.All;
        headers.ContentSecurityPolicy = Policy(known, _provider);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        context.Response.OnStarting(() =>
        {
            // Pages render before the response starts (static SSR), so origins they allowed are known here.
            if (context.Items[ConnectKey] is HashSet<string> { Count: > 0 } extra)
            {
                context.Response.Headers.ContentSecurityPolicy = Policy(known.Concat(extra).Distinct(StringComparer.OrdinalIgnoreCase), _provider);
            }
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static string? ProviderOrigin(OidcOptions settings) =>
        settings.Enabled && Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) && authority.Scheme is "http" or "https"
            ? authority.GetLeftPart(UriPartial.Authority)
            : null;

    private static string Policy(IEnumerable<string> connectSources, string? provider) => string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "worker-src 'self'",
        "connect-src " + string.Join(' ', connectSources.Prepend("'self'")),
        "frame-ancestors 'none'",
        provider is null ? "form-action 'self'" : $"form-action 'self' {provider}",
        "base-uri 'self'",
        "object-src 'none'");
}
