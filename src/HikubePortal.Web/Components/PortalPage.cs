using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Diagnostics;

namespace HikubePortal.Web.Components;

/// <summary>Base of pages: the request (static SSR) and its cancellation token.</summary>
public abstract class PortalPage : ComponentBase
{
    /// <summary>The current request; null when rendered outside one (component tests).</summary>
    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    /// <summary>Cancelled when the client goes away.</summary>
    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>
    /// Sets the response status (400, 409, 410, 503...) of a page that explains the problem itself: the status
    /// code pages stay out of the way. Not for 404: .NET 10 leaves the body of a 404 page empty for the status code
    /// pages to fill; throw <see cref="Application.Common.NotFoundException"/> instead.
    /// </summary>
    protected void SetStatus(int statusCode)
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = statusCode;
            if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }
        }
    }
}
