using Microsoft.AspNetCore.Antiforgery;

namespace HikubePortal.Web.Endpoints;

/// <summary>How the tenant endpoints map their routes: the other method answers 405 only after the tenant check; POSTs check antiforgery.</summary>
internal static class EndpointRoutes
{
    /// <summary>
    /// A GET route; the other method answers 405 only after the tenant check, so a guessed tenant gets 404 whatever
    /// the method (routing alone would answer 405 before any authorization and tell that the route exists).
    /// </summary>
    public static void Get(RouteGroupBuilder group, string pattern, string policy, Delegate handler)
    {
        group.MapGet(pattern, handler).RequireAuthorization(policy);
        group.MapPost(pattern, () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed)).RequireAuthorization(policy).DisableAntiforgery();
    }

    /// <summary>A POST route; GET answers 405 after the tenant check (see <see cref="Get"/>).</summary>
    public static void Post(RouteGroupBuilder group, string pattern, string policy, Delegate handler)
    {
        group.MapPost(pattern, handler).RequireAuthorization(policy);
        group.MapGet(pattern, () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed)).RequireAuthorization(policy);
    }

    /// <summary>Every POST here carries the antiforgery token (forms render it; htmx posts the form's fields).</summary>
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
