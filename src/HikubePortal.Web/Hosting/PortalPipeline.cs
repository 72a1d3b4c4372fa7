using Microsoft.AspNetCore.Diagnostics;
using HikubePortal.Web.Components;
using HikubePortal.Web.Endpoints;
using HikubePortal.Web.Health;
using HikubePortal.Web.Hosting.Metrics;

namespace HikubePortal.Web.Hosting;

/// <summary>The HTTP pipeline.</summary>
internal static class PortalPipeline
{
    public static WebApplication UsePortal(this WebApplication app)
    {
        app.Use(app.Services.GetRequiredService<GracefulShutdown>().TrackAsync);
        app.UsePortalMetrics();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            StatusCodeSelector = ClientFaults.StatusFor,
            SuppressDiagnosticsCallback = ClientFaults.LogAsClientFault,
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeaders>();
        // Its own scope: a 404 left empty by a page that already rendered (an exception handled above) is rendered again.
        app.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
        app.Use(RenderErrorsAsGet);
        app.Use(ClientFaults.RefuseUnreadableFormsAsync);
        app.Use(TenantNamespaceAddresses);
        app.UseRouting();
        app.UsePortalCompression();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalHealth();
        app.MapAccountEndpoints();
        app.MapSingleSignOnEndpoints();
        app.MapUploadEndpoints();
        app.MapDownloadEndpoints();
        app.MapObjectEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o =>
        {
            // Our own Content-Security-Policy already says frame-ancestors 'none' (SecurityHeaders): Blazor's second CSP
            // header (frame-ancestors 'self', added for compressed websockets) would only loosen nothing and duplicate it.
            o.ContentSecurityFrameAncestorsPolicy = null;
            o.ConfigureWebSocketAcceptContext = (_, accept) =>
            {
                // Each message compressed on its own (permessage-deflate without server context takeover): a compressor
                // kept across messages is zlib's 256 KiB of state and window held by every open page for as long as it
                // stays open, most of a circuit's memory (the bucket-list bench: 398 KiB per circuit with this, about
                // 660 without). A render batch still compresses within itself, and no message's compression depends on
                // what an earlier one held (a revealed secret cannot be probed through the sizes of later messages).
                accept.DangerousEnableCompression = true;
                accept.DisableServerContextTakeover = true;
                return Task.CompletedTask;
            };
        });
        return app;
    }

    /// <summary>
    /// <c>/t/tenant-acme/...</c> (the namespace, as the UI and kubectl show it) is tenant <c>acme</c>: one address per
    /// page, so a permanent redirect (query kept).
    /// </summary>
    private static Task TenantNamespaceAddresses(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/t/" + Application.Tenants.TenantNames.NamespacePrefix, StringComparison.Ordinal))
        {
            var rest = path[3..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var segment = slash < 0 ? rest : rest[..slash];
            if (Application.Tenants.TenantNames.FromNamespace(segment) is { } tenant)
            {
                context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                context.Response.Headers.Location = $"/t/{tenant}{(slash < 0 ? "" : rest[slash..])}{context.Request.QueryString}";
                return Task.CompletedTask;
            }
        }
        return next(context);
    }

    /// <summary>
    /// The error page is rendered for GET even when a POST failed: a re-executed POST would otherwise be taken for a
    /// form submission to the error page (and refused with 400), hiding the real answer (404, 403...).
    /// </summary>
    private static Task RenderErrorsAsGet(HttpContext context, RequestDelegate next)
    {
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerFeature>() is not null;
        if (reExecuted && !HttpMethods.IsGet(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
        }
        return next(context);
    }
}
