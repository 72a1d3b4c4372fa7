using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.SingleSignOn;

/// <summary>
/// Whether single sign-on is configured and the provider answers (its discovery document can be read), so the
/// sign-in page can say so before anyone clicks. The answer is kept for a few seconds, up or down.
/// </summary>
internal sealed partial class ProviderStatus(
    IOptionsMonitor<OpenIdConnectOptions> handlers,
    TimeProvider time,
    ILogger<ProviderStatus> logger)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(15);
    private (bool Up, DateTimeOffset Until) _last = (false, DateTimeOffset.MinValue);

    /// <summary>Single sign-on is configured (whether or not the provider answers).</summary>
    public bool Configured => Handler is not null;

    private OpenIdConnectOptions? Handler =>
        handlers.Get(SingleSignOnRegistration.Scheme) is { ConfigurationManager: not null, Backchannel: not null } options ? options : null;

    /// <summary>True when the provider's discovery document and the handler's configuration can be read.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        if (Handler is not { } options)
        {
            return false;
        }
        var last = _last;
        if (time.GetUtcNow() < last.Until)
        {
            return last.Up;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        bool up;
        try
        {
            using var response = await options.Backchannel.GetAsync(options.MetadataAddress, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            up = response.IsSuccessStatusCode;
            if (up)
            {
                await options.ConfigurationManager!.GetConfigurationAsync(timeout.Token);
            }
            else
            {
                LogUnreachable(logger, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or OperationCanceledException or IOException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            LogUnreachable(logger, ex.GetType().Name);
            up = false;
        }
        _last = (up, time.GetUtcNow() + KeepFor);
        return up;
    }

    /// <summary>Whether the provider answers and offers RP-initiated logout (an end_session_endpoint).</summary>
    public async Task<bool> SupportsSignOutAsync(CancellationToken cancellationToken)
    {
        if (Handler is not { } options || !await IsReachableAsync(cancellationToken))
        {
            return false;
        }
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        return !string.IsNullOrEmpty(configuration.EndSessionEndpoint);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on: the provider's discovery document cannot be read ({Failure}); the sign-in page says it is unavailable")]
    private static partial void LogUnreachable(ILogger logger, string failure);
}
