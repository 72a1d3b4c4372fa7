using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Identity.SingleSignOn;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application;

/// <summary>Registers the application services (tenants, identity, audit).</summary>
public static class ApplicationExtensions
{
    public static IHostApplicationBuilder AddPortalApplication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TenancyOptions>()
            .BindConfiguration(TenancyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<OidcOptions>()
            .BindConfiguration(OidcOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ActionLimitOptions>()
            .BindConfiguration(ActionLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ActionLimits>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddScoped<ITenantAccessService, TenantAccessService>();
        builder.Services.AddScoped<ITenantService, TenantService>();
        builder.Services.AddScoped<IMembershipService, MembershipService>();
        builder.Services.AddScoped<IInvitationService, InvitationService>();
        builder.Services.AddScoped<IAccountService, AccountService>();
        builder.Services.AddScoped<IUserAdminService, UserAdminService>();
        builder.Services.AddScoped<ISingleSignOnService, SingleSignOnService>();
        builder.Services.AddScoped<ProviderMemberships>();
        builder.Services.AddScoped<OperatorGroupRole>();
        builder.Services.AddSingleton<UnknownTenantGroups>();
        builder.Services.AddScoped<IAuditQueryService, AuditQueryService>();
        builder.Services.AddScoped<IClusterIdentity, ClusterIdentity>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserConfirmation<PortalUser>, ActiveUserConfirmation>());

        builder.AddKubernetes();
        builder.AddBucketWatchCaches(sp => WatchIdentities.For(sp.GetRequiredService<IOptions<TenancyOptions>>().Value));
        builder.Services.TryAddSingleton<ITenantCluster, KubernetesTenantCluster>();
        return builder;
    }
}
