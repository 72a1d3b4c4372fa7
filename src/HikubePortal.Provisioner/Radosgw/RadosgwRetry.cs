using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>
/// Retries a radosgw call that failed as <see cref="RadosgwErrorKind.Unavailable"/> with exponential
/// backoff and jitter. Longer outages are left to the reconciler, which requeues with its own backoff.
/// </summary>
internal sealed class RadosgwRetry
{
    private readonly ResiliencePipeline _pipeline;

    public RadosgwRetry(IOptions<RadosgwOptions> options, TimeProvider time)
    {
        var attempts = options.Value.MaxAttempts;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RadosgwException>(e => e.Kind == RadosgwErrorKind.Unavailable),
                MaxRetryAttempts = attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
            });
        }

        _pipeline = builder.Build();
    }

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(call, cancellationToken);
}
