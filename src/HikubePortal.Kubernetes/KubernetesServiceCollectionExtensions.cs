using HikubePortal.Kubernetes.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Kubernetes;

/// <summary>Registers the Kubernetes client (singleton) and its options (section <c>Kubernetes</c>).</summary>
public static class KubernetesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IKubernetesClient"/> configured from the <c>Kubernetes</c> section.</summary>
    public static IHostApplicationBuilder AddKubernetesClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKubernetesClient();
        return builder;
    }

    /// <summary>Adds <see cref="IKubernetesClient"/>, <see cref="KubernetesClient"/> and <see cref="KubernetesConfig"/> as singletons.</summary>
    public static IServiceCollection AddKubernetesClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KubernetesOptions>()
            .BindConfiguration(KubernetesOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.Kubeconfig) || File.Exists(o.Kubeconfig),
                "Kubernetes:Kubeconfig names a file that does not exist")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => KubernetesConfig.Resolve(sp.GetRequiredService<IOptions<KubernetesOptions>>().Value));
        services.TryAddSingleton(sp => new KubernetesClient(
            sp.GetRequiredService<KubernetesConfig>(),
            sp.GetRequiredService<IOptions<KubernetesOptions>>().Value,
            sp.GetService<ILogger<KubernetesClient>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IKubernetesClient>(sp => sp.GetRequiredService<KubernetesClient>());
        return services;
    }
}
