using Microsoft.AspNetCore.Http.Features;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Request ids: a sane incoming <c>X-Request-Id</c> (1 to 128 letters, digits, <c>-_.:</c>) is kept, anything else is
/// replaced by a new id. The id becomes <see cref="HttpContext.TraceIdentifier"/> before the server opens the request's
/// logging scope, so the framework's <c>RequestId</c> scope value on every log line of the request is this id (the
/// trace id comes from the activity scope); it is echoed in the response's <c>X-Request-Id</c> header and shown on the
/// error page.
/// </summary>
internal sealed class RequestIds(IServiceProvider services) : IHttpContextFactory
{
    public const string Header = "X-Request-Id";
    public const int MaxLength = 128;

    private readonly DefaultHttpContextFactory _inner = new(services);

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        var context = _inner.Create(featureCollection);
        var id = Accept(context.Request.Headers[Header]) ?? New();
        context.TraceIdentifier = id;
        context.Response.OnStarting(static state =>
        {
            var ctx = (HttpContext)state;
            ctx.Response.Headers[Header] = ctx.TraceIdentifier;
            return Task.CompletedTask;
        }, context);
        return context;
    }

    public void Dispose(HttpContext httpContext) => _inner.Dispose(httpContext);

    /// <summary>The incoming id when it is one value of 1 to <see cref="MaxLength"/> safe characters; else null.</summary>
    public static string? Accept(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxLength } value)
        {
            return null;
        }
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return null;
            }
        }
        return value;
    }

    /// <summary>A new id: 32 lower-case hex digits.</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
