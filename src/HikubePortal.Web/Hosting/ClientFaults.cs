using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Exceptions that escape a page or endpoint, sorted by whose fault they are: the client's (not found, not allowed,
/// conflict, bad input) become their 4xx and one log line at Information without a stack trace; the portal's own
/// stay 5xx and are logged at Error by the exception handler with their stack. A form that cannot be read is refused
/// before anything reads it.
/// </summary>
internal static partial class ClientFaults
{
    /// <summary>The longest part of the path or the exception's words a client-fault line carries.</summary>
    private const int MaxLogged = 200;

    /// <summary>The status code an exception that escaped becomes (the error page says it in words).</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConflictException => StatusCodes.Status409Conflict,
        InvalidException => StatusCodes.Status400BadRequest,
        UnavailableException => StatusCodes.Status503ServiceUnavailable,
        TooManyRequestsException => StatusCodes.Status429TooManyRequests,
        _ when DatabaseFaults.Words(exception) is not null => StatusCodes.Status503ServiceUnavailable,
        // A request the framework cannot bind (no body, malformed form) is the client's error, not the portal's.
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// For <see cref="ExceptionHandlerOptions.SuppressDiagnosticsCallback"/>: a client's fault is logged here in one
    /// line and the handler's Error line with the stack is suppressed; a server fault keeps it.
    /// </summary>
    public static bool LogAsClientFault(ExceptionHandlerSuppressDiagnosticsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = StatusFor(context.Exception);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            return false;
        }
        Log(context.HttpContext, status, context.Exception);
        return true;
    }

    /// <summary>
    /// A posted form that cannot be read (a NUL or other character the form reader refuses, too many or too long
    /// values) is refused with 400 before a page or endpoint reads it: the framework would throw from inside the page.
    /// </summary>
    public static async Task RefuseUnreadableFormsAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException ex)
            {
                Log(context, StatusCodes.Status400BadRequest, ex);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next(context);
    }

    private static void Log(HttpContext http, int status, Exception exception)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientFaults).FullName!);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var (path, fault, reason) = (Cut(http.Request.Path.Value), exception.GetType().Name, Cut(exception.Message));
            Answered(logger, http.Request.Method, path, status, fault, reason);
        }
    }

    private static string Cut(string? text) => text is null ? "" : text.Length > MaxLogged ? text[..MaxLogged] + "..." : text;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode}: {Fault} {Reason}")]
    private static partial void Answered(ILogger logger, string method, string path, int statusCode, string fault, string reason);
}
