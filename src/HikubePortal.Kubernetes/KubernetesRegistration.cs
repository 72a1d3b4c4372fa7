using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HikubePortal.Kubernetes;

/// <summary>Registers the cluster: one <see cref="IKubernetes"/> for the process, and the Cozystack calls on it.</summary>
public static class KubernetesRegistration
{
    /// <summary>
    /// Adds the options (section <c>Kubernetes</c>), the library's configuration and a singleton <see cref="IKubernetes"/>
    /// (it owns the connection pool), <see cref="BucketApi"/> and <see cref="TenantNamespaces"/>.
    /// </summary>
    public static IHostApplicationBuilder AddKubernetes(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KubernetesOptions>()
            .BindConfiguration(KubernetesOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => ClusterConfiguration.Resolve(sp.GetRequiredService<IOptions<KubernetesOptions>>().Value));
        services.TryAddSingleton<IKubernetes>(sp => new k8s.Kubernetes(
            sp.GetRequiredService<KubernetesClientConfiguration>(),
            new ReadDeadlineHandler(sp.GetRequiredService<IOptions<KubernetesOptions>>().Value.ReadTimeout)));
        services.TryAddSingleton<BucketApi>();
        services.TryAddSingleton<TenantNamespaces>();
        return builder;
    }

    /// <summary>Adds the shared per-tenant bucket watch caches, run as <paramref name="identity"/> says.</summary>
    public static IHostApplicationBuilder AddBucketWatchCaches(this IHostApplicationBuilder builder, Func<IServiceProvider, WatchIdentity> identity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(identity);
        builder.Services.TryAddSingleton<BucketWatchCaches>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BucketWatchCaches>());
        return builder;
    }
}
