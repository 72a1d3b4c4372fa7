using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using HikubePortal.Application.Identity;

namespace HikubePortal.Web.Health;

/// <summary>
/// <c>GET /healthz</c>: liveness, the process answers (no backend is called): <c>{"status":"ok"}</c>.
/// <c>GET /readyz</c>: readiness, <c>{"status":"ok","checks":{"postgresql":{"status":"ok","ms":3},...}}</c>;
/// 200 when PostgreSQL, Kubernetes and S3 answer and the portal is not shutting down, else 503 with <c>"fail"</c>
/// and a reason in plain words on each failed check. The checks (which backends, their timings and errors) are shown
/// only on the metrics port (<see cref="UseReadinessWithDetails"/>: kubelet, monitoring) and to signed-in operators;
/// everyone else, the internet behind the ingress included, gets the status alone.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<StorageHealthOptions>().BindConfiguration(StorageHealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(S3HealthCheck.ClientName);
        services.AddHealthChecks()
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [ReadyTag])
            .AddCheck<PostgresHealthCheck>("postgresql", tags: [ReadyTag])
            .AddCheck<KubernetesHealthCheck>("kubernetes", tags: [ReadyTag])
            .AddCheck<S3HealthCheck>("s3", tags: [ReadyTag]);
        // Every readiness check gets the same short time limit (a probe must answer before its own timeout).
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<HealthOptions>>((options, health) =>
        {
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = health.Value.CheckTimeout;
            }
        });
        return services;
    }

    public static void MapPortalHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, Options(_ => false, details: false)).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks(ReadyPath, Options(IsReadiness, details: false)).AllowAnonymous().DisableRateLimiting();
    }

    /// <summary>Readiness with every check's details, for a branch that only trusted callers reach (the metrics port).</summary>
    public static IApplicationBuilder UseReadinessWithDetails(this IApplicationBuilder branch) =>
        branch.UseHealthChecks(ReadyPath, Options(IsReadiness, details: true));

    private static bool IsReadiness(HealthCheckRegistration check) => check.Tags.Contains(ReadyTag);

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate, bool details) => new()
    {
        Predicate = predicate,
        ResponseWriter = (context, report) => WriteAsync(context, report, details || context.User.IsInRole(PortalRoles.Operator)),
        AllowCachingResponses = false,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static Task WriteAsync(HttpContext context, HealthReport report, bool details)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var timeout = context.RequestServices.GetRequiredService<IOptions<HealthOptions>>().Value.CheckTimeout;
        var body = new HealthBody(
            Word(report.Status),
            !details || report.Entries.Count == 0 ? null : report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthEntry(
                    Word(e.Value.Status),
                    (long)Math.Round(e.Value.Duration.TotalMilliseconds),
                    e.Value.Status == HealthStatus.Healthy ? null : Reason(e.Value, timeout))));
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions), context.RequestAborted);
    }

    // The framework's own words for a check cut by its time limit are replaced by the limit itself.
    private static string? Reason(HealthReportEntry entry, TimeSpan timeout) =>
        entry.Exception is OperationCanceledException || entry.Description?.StartsWith("A timeout occurred", StringComparison.Ordinal) == true
            ? $"no answer within {timeout.TotalSeconds:0.#} s"
            : entry.Description;

    private static string Word(HealthStatus status) => status == HealthStatus.Healthy ? "ok" : "fail";

    private sealed record HealthBody(string Status, Dictionary<string, HealthEntry>? Checks);

    private sealed record HealthEntry(string Status, long Ms, string? Error);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
