using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Exceptions that escape a page or endpoint, sorted by whose fault they are: the client's (not found, not allowed,
/// conflict, bad input) become their 4xx and one log line at Information without a stack trace; the portal's own
/// stay 5xx and are logged at Error by the exception handler with their stack.
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
        var http = context.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientFaults).FullName!);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var (path, fault, reason) = (Cut(http.Request.Path.Value), context.Exception.GetType().Name, Cut(context.Exception.Message));
            Answered(logger, http.Request.Method, path, status, fault, reason);
        }
        return true;
    }

    private static string Cut(string? text) => text is null ? "" : text.Length > MaxLogged ? text[..MaxLogged] + "..." : text;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode}: {Fault} {Reason}")]
    private static partial void Answered(ILogger logger, string method, string path, int statusCode, string fault, string reason);
}
