using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// The stop sequence: on the stop signal, readiness fails at once (<see cref="IsDraining"/>); the portal keeps serving
/// for <see cref="ShutdownOptions.DrainDelay"/> so load balancers drain it; then the server stops listening and
/// in-flight requests finish within <see cref="ShutdownOptions.Timeout"/> (the host's shutdown timeout).
/// Also counts in-flight requests, so the log says what was left to finish.
/// </summary>
internal sealed partial class GracefulShutdown(
    IHostApplicationLifetime lifetime,
    IOptions<ShutdownOptions> options,
    TimeProvider time,
    ILogger<GracefulShutdown> logger) : IHostedLifecycleService
{
    private int _draining;
    private int _stopping;
    private long _inFlight;

    /// <summary>True from the stop signal on.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>Requests being served now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Counts the request while it runs (first middleware of the pipeline).</summary>
    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // SIGTERM signals ApplicationStopping before the host stops its services; a direct IHost.StopAsync calls
        // StoppingAsync first: readiness fails on whichever comes first.
        lifetime.ApplicationStopping.Register(BeginDraining);
        return Task.CompletedTask;
    }

    private void BeginDraining()
    {
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            LogStopping(options.Value.DrainDelay, options.Value.Timeout, InFlight);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        LogStarted(options.Value.Timeout);
        return Task.CompletedTask;
    }

    /// <summary>Runs before the server stops listening: the drain delay (cut short if the host's shutdown time runs out).</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        BeginDraining();
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return; // A second stop of the same host (a test's, then its disposal): drained already.
        }
        var delay = options.Value.DrainDelay;
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out: stop now.
            }
        }
        LogStopListening(InFlight);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var left = InFlight;
        if (left > 0)
        {
            LogCut(left);
        }
        else
        {
            LogStopped();
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Portal started; on stop it drains, then gives in-flight requests up to {ShutdownTimeout} in all")]
    private partial void LogStarted(TimeSpan shutdownTimeout);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Portal stopping: /readyz answers 503 now; serving for {DrainDelay} more, then finishing in-flight requests ({InFlight} now) within {ShutdownTimeout} in all")]
    private partial void LogStopping(TimeSpan drainDelay, TimeSpan shutdownTimeout, long inFlight);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Portal stops listening; {InFlight} in-flight request(s) to finish")]
    private partial void LogStopListening(long inFlight);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Portal stopped; every in-flight request finished")]
    private partial void LogStopped();

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Portal stopped with {InFlight} request(s) still in flight (shutdown timeout reached)")]
    private partial void LogCut(long inFlight);
}
