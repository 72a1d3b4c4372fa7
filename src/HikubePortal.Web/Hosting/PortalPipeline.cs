using HikubePortal.Application.Common;
using HikubePortal.Web.Components;
using HikubePortal.Web.Endpoints;
using HikubePortal.Web.Health;

namespace HikubePortal.Web.Hosting;

/// <summary>The HTTP pipeline.</summary>
internal static class PortalPipeline
{
    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            StatusCodeSelector = StatusFor,
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalHealth();
        app.MapAccountEndpoints();
        app.MapBucketEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Expected application failures that escape a page become their status code (and the error page's words).</summary>
    private static int StatusFor(Exception exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConflictException => StatusCodes.Status409Conflict,
        InvalidException => StatusCodes.Status400BadRequest,
        UnavailableException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
