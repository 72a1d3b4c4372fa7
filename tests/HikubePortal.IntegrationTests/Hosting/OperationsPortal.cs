using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HikubePortal.IntegrationTests.Hosting;

/// <summary>
/// A portal whose log lines are captured and which serves one more route, <c>GET /test/slow</c>: it answers only when
/// the test releases it, standing for a long in-flight request (upload signing, a streamed upload or download).
/// </summary>
public sealed class OperationsPortal : PortalFactory
{
    public const string SlowPath = "/test/slow";

    private readonly TaskCompletionSource _slowEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _slowRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LogCapture Logs { get; } = new();

    /// <summary>Completes when a slow request has reached the portal.</summary>
    public Task SlowRequestEntered => _slowEntered.Task;

    /// <summary>Lets the slow request answer.</summary>
    public void ReleaseSlowRequest() => _slowRelease.TrySetResult();

    /// <summary>The running host (to stop it as the process would on SIGTERM).</summary>
    public IHost Host => Services.GetRequiredService<IHost>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new SlowRoute(this)));
    }

    private sealed class SlowRoute(OperationsPortal portal) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != SlowPath)
                {
                    await nextMiddleware(context);
                    return;
                }
                portal._slowEntered.TrySetResult();
                await portal._slowRelease.Task;
                await context.Response.WriteAsync("done", context.RequestAborted);
            });
            next(app);
        };
    }
}
