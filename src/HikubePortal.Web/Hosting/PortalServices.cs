using HikubePortal.Application;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Identity;
using HikubePortal.Data;
using HikubePortal.Data.Buckets;
using HikubePortal.Storage;
using HikubePortal.Web.Authorization;
using HikubePortal.Web.Health;
using HikubePortal.Web.Hosting.Metrics;
using HikubePortal.Web.SingleSignOn;
using System.Globalization;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor;
using MudBlazor.Services;

namespace HikubePortal.Web.Hosting;

/// <summary>The composition root: every service of the web host.</summary>
internal static class PortalServices
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.AddPortalData();
        builder.AddPortalApplication();
        builder.AddObjectStorage();
        builder.AddBuckets();
        builder.AddBucketJobStore();

        builder.AddPortalOperations();
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddUploads();
        services.AddSingleton<StorageOrigins>();
        services.AddScoped<PageSecurity>();
        services.AddHttpContextAccessor();
        services.AddScoped<PortalCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<PortalCurrentUser>());
        services.AddSingleton<QrCodes>();
        services.AddPortalCompression();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitUserHandler>());
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
            options.SnackbarConfiguration.ShowTransitionDuration = 150;
            options.SnackbarConfiguration.HideTransitionDuration = 150;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "hikube.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.AddPortalIdentity();
        services.AddAuthorization(options => options.AddPortalPolicies());
        // Scoped: in a circuit it reads memberships as the circuit's user (a singleton would have no user to ask about).
        services.AddScoped<IAuthorizationHandler, TenantRoleHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PortalAuthorizationResultHandler>();
        services.AddPortalRateLimits();
        services.AddPortalHealthChecks();
        return builder;
    }

    /// <summary>Request ids, metrics, graceful shutdown and the start-up validation of settings.</summary>
    private static void AddPortalOperations(this WebApplicationBuilder builder)
    {
        // Console log defaults below every other source (appsettings.json says the same and can change them): one JSON
        // object per line outside Development, UTC timestamps, scopes (request id, trace id) included.
        var development = builder.Environment.IsDevelopment();
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:Console:FormatterName"] = development ? "simple" : "json",
                ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
                ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
                ["Logging:Console:FormatterOptions:SingleLine"] = "true",
                ["Logging:Console:FormatterOptions:TimestampFormat"] = development ? "HH:mm:ss " : "yyyy-MM-ddTHH:mm:ss.fffZ",
            },
        });
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IHttpContextFactory, RequestIds>());
        builder.AddPortalMetrics();
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The host reads its shutdown timeout while it is built, before validation can report a bad value: read leniently.
        var timeout = TimeSpan.TryParse(builder.Configuration[$"{ShutdownOptions.Section}:{nameof(ShutdownOptions.Timeout)}"], CultureInfo.InvariantCulture, out var parsed)
            && parsed > TimeSpan.Zero ? parsed : new ShutdownOptions().Timeout;
        services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
        services.AddSingleton<GracefulShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());
        services.AddPortalSettingsValidation();
    }

    private static void AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Schemes are explicit: the application cookie authenticates and challenges; single sign-on (when configured)
        // signs into the external cookie and never becomes a default.
        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = IdentityConstants.ApplicationScheme;
            options.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
            options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        authentication.AddIdentityCookies();
        builder.AddPortalSingleSignOn(authentication);
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.Configure<IdentityOptions>(builder.Configuration.GetSection("Identity"));

        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SecurityOptions>>((options, security) =>
            {
                options.ValidationInterval = security.Value.SessionRevalidation;
                // The revalidated session keeps how the user signed in (single sign-on signs out at the provider too).
                options.OnRefreshingPrincipal = context =>
                {
                    if (context.CurrentPrincipal?.FindFirst(System.Security.Claims.ClaimTypes.AuthenticationMethod) is { } method
                        && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                        && !identity.HasClaim(c => c.Type == method.Type))
                    {
                        identity.AddClaim(new System.Security.Claims.Claim(method.Type, method.Value));
                    }
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((options, security) =>
            {
                options.Cookie.Name = "hikube.session";
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/error/403";
                options.ExpireTimeSpan = security.Value.SessionLifetime;
                options.SlidingExpiration = true;
            });
        foreach (var scheme in new[]
        {
            IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme,
            IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme,
        })
        {
            services.Configure<CookieAuthenticationOptions>(scheme, options =>
            {
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        }
    }
}
