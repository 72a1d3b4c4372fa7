using Microsoft.AspNetCore.Diagnostics;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// Sets the status code of a page that renders its own explanation (a bucket that does not exist, a cluster that
/// cannot be reached): the status code pages must not replace it (their re-execution would also fail, the
/// navigation manager being initialized already).
/// </summary>
internal static class PageStatus
{
    public static void Set(HttpContext? http, int statusCode)
    {
        if (http is { Response.HasStarted: false })
        {
            if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            http.Response.StatusCode = statusCode;
        }
    }
}
