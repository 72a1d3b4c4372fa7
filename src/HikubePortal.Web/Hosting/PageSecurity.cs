namespace HikubePortal.Web.Hosting;

/// <summary>
/// What a page needs of the security headers: the storage endpoint of the bucket it shows joins the known storage
/// origins, and, while the page is rendered for a request (prerendering), that response's CSP <c>connect-src</c>.
/// </summary>
internal sealed class PageSecurity(IHttpContextAccessor accessor, StorageOrigins origins)
{
    public void AllowConnect(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        origins.Learn(endpoint);
        if (accessor.HttpContext is { Response.HasStarted: false } http && !http.WebSockets.IsWebSocketRequest)
        {
            SecurityHeaders.AllowConnect(http, endpoint);
        }
    }
}
