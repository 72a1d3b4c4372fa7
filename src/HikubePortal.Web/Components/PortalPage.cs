using Microsoft.AspNetCore.Components;

namespace HikubePortal.Web.Components;

/// <summary>Base of pages: the request (static SSR) and its cancellation token.</summary>
public abstract class PortalPage : ComponentBase
{
    /// <summary>The current request; null when rendered outside one (component tests).</summary>
    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    /// <summary>Cancelled when the client goes away.</summary>
    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>Sets the response status (404 for a vanished tenant object, 403, 409...) when there is a response.</summary>
    protected void SetStatus(int statusCode)
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = statusCode;
        }
    }
}
