using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Health;

/// <summary>The S3 endpoint answers HTTP (any status below 500).</summary>
internal sealed class S3HealthCheck(IHttpClientFactory clients, IOptions<StorageHealthOptions> options) : IHealthCheck
{
    public const string ClientName = "s3-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.HealthEndpoint is not { } endpoint)
        {
            return HealthCheckResult.Unhealthy("Storage:HealthEndpoint is not set: no S3 endpoint to check");
        }
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(endpoint, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (int)response.StatusCode < 500
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"the S3 endpoint answered HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(HealthFailures.Describe(ex), ex);
        }
    }
}
