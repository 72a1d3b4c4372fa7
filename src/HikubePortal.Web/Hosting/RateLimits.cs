using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Rate limits on sign-in posts (the framework's fixed-window limiters): per client address (the endpoints' policy) and
/// per account typed into the form (the global limiter, which only counts posts to an endpoint of that policy). Revealing
/// credentials and making share links are counted by the services themselves (<see cref="Application.Common.ActionLimits"/>):
/// interactive pages make no request per action.
/// </summary>
internal static class RateLimits
{
    /// <summary>Policy on the sign-in pages; only POSTs count.</summary>
    public const string SignIn = "sign-in";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignIn, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }
                var security = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.SignInPermitLimit,
                    Window = security.SignInWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)
                    || context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != SignIn
                    || Account(context) is not { } account)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var security = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.SignInAccountPermitLimit,
                    Window = security.SignInWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// The account a sign-in form names, compared as Identity does (case-insensitive). The form was read already
    /// (<see cref="ClientFaults.RefuseUnreadableFormsAsync"/>), so reading it here does not block.
    /// </summary>
    private static string? Account(HttpContext context) =>
        context.Request.HasFormContentType && context.Request.Form["Input.Email"] is [{ Length: > 0 and <= 256 } email]
            ? email.Trim().ToUpperInvariant()
            : null;
}
