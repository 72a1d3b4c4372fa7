using HikubePortal.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// The hosted service that runs bucket jobs: every replica polls PostgreSQL, claims one job at a time with a
/// lease, and releases it when stopping, so a job interrupted by a restart resumes on the next start.
/// </summary>
internal sealed partial class BucketJobRunner(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<BucketsOptions> options,
    BucketJobEvents events,
    ILogger<BucketJobRunner> logger) : BackgroundService
{
    /// <summary>Give up on a job that keeps failing to finish.</summary>
    public const int MaxAttempts = 5;

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Longest wait after failures (database not migrated yet, unreachable): the log stays readable.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = false;
            try
            {
                ran = await RunOneAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the runner must survive any failure (database down, ...) and try again later
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                LogPollFailed(logger, ex);
            }
            if (!ran)
            {
                var wait = options.Value.JobPollInterval * Math.Pow(2, Math.Min(failures, 10));
                try
                {
                    await Task.Delay(wait < MaxBackoff || failures == 0 ? wait : MaxBackoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and runs one job; false when there was none.</summary>
    internal async Task<bool> RunOneAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IBucketJobStore>();
        var now = time.GetUtcNow();
        var job = await store.ClaimAsync(_owner, now, now + options.Value.JobLease, stoppingToken);
        if (job is null)
        {
            return false;
        }
        events.Publish(job);
        using var logScope = logger.BeginScope("Bucket job {JobId} {Tenant}/{Bucket}", job.Id, job.Tenant, job.Bucket);
        if (job.Attempts > MaxAttempts)
        {
            await FinishAsync(store, job, BucketJobState.Failed, $"Stopped after {MaxAttempts} attempts.");
            return true;
        }
        LogStarted(logger, job.Kind, job.Attempts);
        (BucketJobState State, string Message) outcome;
        try
        {
            outcome = job.Kind == BucketJobKind.DeleteFolders
                ? await scope.ServiceProvider.GetRequiredService<DeleteFoldersJob>().RunAsync(job, _owner, stoppingToken)
                : await scope.ServiceProvider.GetRequiredService<EmptyAndDeleteJob>().RunAsync(job, _owner, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.ReleaseAsync(job.Id, _owner, CancellationToken.None);
            LogReleased(logger);
            throw;
        }
        catch (PortalException ex)
        {
            outcome = (BucketJobState.Failed, ex.Message);
        }
        await FinishAsync(store, job, outcome.State, outcome.Message);
        LogFinished(logger, outcome.State, outcome.Message);
        return true;
    }

    /// <summary>Ends the job in the database, then tells the pages that follow it.</summary>
    private async Task FinishAsync(IBucketJobStore store, BucketJob job, BucketJobState state, string message)
    {
        var now = time.GetUtcNow();
        await store.FinishAsync(job.Id, _owner, state, message, now, CancellationToken.None);
        (job.State, job.Message, job.FinishedAt, job.UpdatedAt) = (state, message, now, now);
        events.Publish(job);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket job {Kind} started (attempt {Attempt})")]
    private static partial void LogStarted(ILogger logger, BucketJobKind kind, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket job finished {State}: {Outcome}")]
    private static partial void LogFinished(ILogger logger, BucketJobState state, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket job released for another replica (portal stopping)")]
    private static partial void LogReleased(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bucket job runner failed; it tries again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
