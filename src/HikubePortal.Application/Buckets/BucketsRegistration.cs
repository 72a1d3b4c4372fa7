using HikubePortal.Application.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HikubePortal.Application.Buckets;

/// <summary>Registers the bucket and credential services, the job runner and the demo seeder (section <c>Buckets</c>).</summary>
public static class BucketsRegistration
{
    public static IHostApplicationBuilder AddBuckets(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BucketsOptions>().BindConfiguration(BucketsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HikubePortal.Application.Objects.ObjectBrowserOptions>().BindConfiguration(HikubePortal.Application.Objects.ObjectBrowserOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<TenantScopes>();
        services.AddScoped<IBucketService, BucketService>();
        services.AddScoped<IBucketUpdates, BucketUpdates>();
        services.AddScoped<IBucketUserService, BucketUserService>();
        services.AddScoped<ICredentialService, CredentialService>();
        services.AddScoped<IBucketUsageService, BucketUsageService>();
        services.AddScoped<ITenantUsageService, TenantUsageService>();
        services.AddScoped<IBucketActivityService, BucketActivityService>();
        services.AddScoped<IBucketJobService, BucketJobService>();
        services.AddSingleton<BucketJobEvents>();
        services.AddScoped<BucketJobSteps>();
        services.AddScoped<EmptyAndDeleteJob>();
        services.AddScoped<DeleteFoldersJob>();
        services.AddScoped<HikubePortal.Application.Objects.ObjectAccessResolver>();
        services.AddScoped<HikubePortal.Application.Objects.IObjectBrowser, HikubePortal.Application.Objects.ObjectBrowser>();
        services.AddScoped<HikubePortal.Application.Objects.IObjectLiveUpdates, HikubePortal.Application.Objects.ObjectLiveUpdates>();
        services.AddScoped<DemoBucketSeeder>();
        services.AddSingleton<HikubePortal.Application.Versions.BucketDataEvents>();
        services.AddSingleton<HikubePortal.Application.Versions.IReplicaNoticeReceiver>(sp => sp.GetRequiredService<HikubePortal.Application.Versions.BucketDataEvents>());
        services.TryAddSingleton<HikubePortal.Application.Versions.IReplicaNotices, HikubePortal.Application.Versions.NoReplicaNotices>();
        services.AddScoped<HikubePortal.Application.Versions.IBucketDataService, HikubePortal.Application.Versions.BucketDataService>();
        services.AddScoped<HikubePortal.Application.Versions.IObjectVersions, HikubePortal.Application.Versions.ObjectVersions>();
        services.AddHostedService<BucketJobRunner>();
        return builder;
    }
}
