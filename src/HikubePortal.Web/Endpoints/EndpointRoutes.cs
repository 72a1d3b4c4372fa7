using Microsoft.AspNetCore.Antiforgery;

namespace HikubePortal.Web.Endpoints;

/// <summary>Route helpers shared by the endpoint groups: method guards after the tenant check, antiforgery on POST, no-store.</summary>
internal static class EndpointRoutes
{
    /// <summary>
    /// A GET route; the other method answers 405 only after the tenant check, so a guessed tenant gets 404 whatever
    /// the method (routing alone would answer 405 before any authorization and tell that the route exists).
    /// </summary>
    public static RouteHandlerBuilder Get(RouteGroupBuilder group, string pattern, string policy, Delegate handler)
    {
        group.MapPost(pattern, () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed)).RequireAuthorization(policy).DisableAntiforgery();
        return group.MapGet(pattern, handler).RequireAuthorization(policy);
    }

    /// <summary>A POST route; GET answers 405 after the tenant check (see <see cref="Get"/>).</summary>
    public static RouteHandlerBuilder Post(RouteGroupBuilder group, string pattern, string policy, Delegate handler)
    {
        group.MapGet(pattern, () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed)).RequireAuthorization(policy);
        return group.MapPost(pattern, handler).RequireAuthorization(policy);
    }

    /// <summary>Responses that carry secrets (credentials, presigned URLs) are never stored by browsers or proxies.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>
    /// Every POST of a group carries the antiforgery token: forms post it as a field, scripts send the page's token in
    /// the <c>RequestVerificationToken</c> header (read first, so a streamed body is never parsed as a form).
    /// </summary>
    public static async ValueTask<object?> ValidateAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return Results.Problem("The form expired or came from another site; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(context);
    }
}
