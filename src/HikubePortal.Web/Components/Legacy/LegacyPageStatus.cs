namespace HikubePortal.Web.Components.Legacy;

/// <summary>
/// The status code of a page that renders its own explanation (a bucket that does not exist, a cluster that cannot
/// be reached), so the layout and the rest of the page keep working. The code is applied when the response starts:
/// set during rendering, it would make the component renderer drop the page's body in favour of the status code
/// pages, which cannot re-render a component page in the same request.
/// </summary>
internal static class LegacyPageStatus
{
    private const string Key = "hikube.page-status";

    public static void Set(HttpContext? http, int statusCode)
    {
        if (http is null || http.Response.HasStarted)
        {
            return;
        }
        var first = !http.Items.ContainsKey(Key);
        http.Items[Key] = statusCode;
        if (first)
        {
            http.Response.OnStarting(() =>
            {
                if (http.Items[Key] is int code)
                {
                    http.Response.StatusCode = code;
                }
                return Task.CompletedTask;
            });
        }
    }
}
