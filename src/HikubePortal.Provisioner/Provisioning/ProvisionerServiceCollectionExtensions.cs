using HikubePortal.Kubernetes;
using HikubePortal.Provisioner.Radosgw;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>Composition of the provisioner: radosgw clients and the Bucket controller.</summary>
internal static class ProvisionerServiceCollectionExtensions
{
    /// <summary>radosgw's admin API and S3 bucket operations, from section <c>Radosgw</c>.</summary>
    public static IHostApplicationBuilder AddRadosgw(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RadosgwOptions>()
            .BindConfiguration(RadosgwOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RadosgwRetry>();
        builder.Services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<RadosgwOptions>>();
            var signer = new SigV4SigningHandler(settings, sp.GetRequiredService<TimeProvider>())
            {
                InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
            };
            var http = new HttpClient(signer) { BaseAddress = settings.Value.EndpointUri, Timeout = settings.Value.Timeout };
            return ActivatorUtilities.CreateInstance<RadosgwAdminClient>(sp, http);
        });
        builder.Services.AddSingleton<RadosgwBuckets>();
        return builder;
    }

    /// <summary>The Bucket controller and what it needs (the Kubernetes client and radosgw included).</summary>
    public static IHostApplicationBuilder AddBucketProvisioner(this IHostApplicationBuilder builder)
    {
        builder.AddKubernetes();
        builder.AddRadosgw();
        builder.Services.AddOptions<ProvisionerOptions>()
            .BindConfiguration(ProvisionerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RadosgwUsers>();
        builder.Services.AddSingleton<BucketStorage>();
        builder.Services.AddSingleton<SecretWriter>();
        builder.Services.AddSingleton<BucketStatusWriter>();
        builder.Services.AddSingleton<WorkloadWriter>();
        builder.Services.AddSingleton<UsageReporter>();
        builder.Services.AddSingleton<BucketReconciler>();
        builder.Services.AddSingleton<BucketController>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BucketController>());
        return builder;
    }
}
