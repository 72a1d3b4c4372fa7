using HikubePortal.Application.Identity.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HikubePortal.Web.SingleSignOn;

/// <summary>
/// Why a single sign-on did not open a session, as a short code in the failure page's address (never the
/// provider's words, never a token) and as the plain sentence that page shows.
/// </summary>
internal static partial class SingleSignOnFailures
{
    public const string Expired = "expired";
    public const string Mismatch = "mismatch";
    public const string Token = "token";
    public const string Client = "client";
    public const string Unreachable = "unreachable";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
    public const string Retry = "retry";

    /// <summary>The failure page for <paramref name="reason"/>.</summary>
    public static string PagePath(string reason) => $"/account/sso/failed?reason={Uri.EscapeDataString(reason)}";

    /// <summary>The reason code of an outcome that opened no session.</summary>
    public static string ReasonFor(SingleSignOnOutcome outcome) => outcome switch
    {
        SingleSignOnOutcome.NoTenant => "no-tenant",
        SingleSignOnOutcome.EmailTaken => "email-taken",
        SingleSignOnOutcome.NoVerifiedEmail => "no-email",
        SingleSignOnOutcome.Disabled => "disabled",
        _ => Failed,
    };

    /// <summary>Title and sentence for the failure page (<paramref name="provider"/>: the provider's display name).</summary>
    public static (string Title, string Message) Describe(string? reason, string provider) => reason switch
    {
        Expired => ("Sign-in expired",
            $"This sign-in with {provider} was already used, has expired, or was started in another browser. Start again from the sign-in page."),
        Mismatch => ("Sign-in refused",
            $"The answer from {provider} does not match the sign-in started in this browser, so it was refused. Start again from the sign-in page."),
        Token => ("Sign-in refused",
            $"The answer was not issued for this portal by {provider}, so it was refused. If this happens again, tell a portal operator."),
        Client => ("Sign-in not possible",
            $"{provider} did not accept the portal's client credentials. A portal operator must check the settings Oidc:ClientId and Oidc:ClientSecret."),
        Unreachable => ("Sign-in not possible",
            $"{provider} does not answer right now. Try again later; portal operators can still sign in with their password."),
        Cancelled => ("Sign-in cancelled", $"The sign-in was cancelled at {provider}."),
        Retry => ("Try again", "Your account was being set up by another sign-in at the same moment. Try again."),
        "no-tenant" => ("No tenant for your account",
            $"You signed in with {provider}, but your account there is in no group of a tenant of this portal (tenant-<name>-view, -use or -admin). " +
            $"Ask your tenant's admin, who manages these groups in {provider}, to add you to one; then sign in again."),
        "email-taken" => ("Account not linked",
            $"Another portal account already uses the e-mail address of your {provider} account, and accounts are never joined by e-mail. " +
            "Ask a portal operator to sort it out."),
        "no-email" => ("No verified e-mail address",
            $"Your {provider} account has no verified e-mail address, which the portal needs. Ask your {provider} administrator."),
        "disabled" => ("Account disabled", "Your portal account has been disabled. Ask a portal operator."),
        _ => ("Sign-in failed", $"The sign-in with {provider} could not be completed. Start again from the sign-in page; if it keeps failing, tell a portal operator."),
    };

    /// <summary>The reason code of a failure of the handler (state, correlation, token, code redemption, network).</summary>
    public static string Classify(Exception? failure) => failure switch
    {
        null => Failed,
        OpenIdConnectProtocolInvalidNonceException => Mismatch,
        OpenIdConnectProtocolException protocol when protocol.Message.Contains("invalid_client", StringComparison.Ordinal)
            || protocol.Message.Contains("unauthorized_client", StringComparison.Ordinal) => Client,
        OpenIdConnectProtocolException protocol when protocol.Message.Contains("invalid_grant", StringComparison.Ordinal) => Expired,
        OpenIdConnectProtocolException protocol when protocol.Message.Contains("access_denied", StringComparison.Ordinal) => Cancelled,
        SecurityTokenException => Token,
        HttpRequestException or TaskCanceledException or TimeoutException or IOException => Unreachable,
        _ when failure.Message.StartsWith("Correlation failed", StringComparison.Ordinal)
            || failure.Message.Contains("message.State", StringComparison.Ordinal)
            || failure.Message.Contains("state was missing or invalid", StringComparison.Ordinal) => Expired,
        _ when failure.Message.StartsWith("Access was denied", StringComparison.Ordinal) => Cancelled,
        _ when failure.InnerException is { } inner => Classify(inner),
        _ => Failed,
    };

    /// <summary>The handler's remote failure: logged in a line, answered with the failure page (no stack trace for the user).</summary>
    public static Task HandleAsync(RemoteFailureContext context)
    {
        context.Response.Redirect(PagePath(Report(context.HttpContext, context.Failure)));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>Logs <paramref name="failure"/> in one line (its type, not its words) and returns its reason code.</summary>
    public static string Report(HttpContext http, Exception? failure, string? reason = null)
    {
        reason ??= Classify(failure);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HikubePortal.Web.SingleSignOn");
        LogFailure(logger, reason, failure?.GetType().Name ?? "none");
        return reason;
    }

    // The exception's type only: provider messages can quote request details.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on failed: {Reason} ({Failure})")]
    private static partial void LogFailure(ILogger logger, string reason, string failure);
}
