using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HikubePortal.Web.Health;

/// <summary>
/// <c>GET /healthz</c>: <c>{"status":"ok","checks":{"postgresql":{"status":"ok","ms":3},...}}</c>,
/// 200 when every backend is reachable, else 503 with <c>"fail"</c> and a short error name on the failed ones.
/// </summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<StorageHealthOptions>().BindConfiguration(StorageHealthOptions.Section);
        services.AddHttpClient(S3HealthCheck.ClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<KubernetesHealthCheck>("kubernetes", timeout: TimeSpan.FromSeconds(6))
            .AddCheck<S3HealthCheck>("s3", timeout: TimeSpan.FromSeconds(6));
        return services;
    }

    public static IEndpointConventionBuilder MapPortalHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().DisableRateLimiting();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = Word(report.Status),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = Word(e.Value.Status),
                    ms = (long)Math.Round(e.Value.Duration.TotalMilliseconds),
                    error = e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static string Word(HealthStatus status) => status == HealthStatus.Healthy ? "ok" : "fail";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
