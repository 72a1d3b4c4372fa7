using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Versions;
using HikubePortal.Data.Audit;
using HikubePortal.Data.DataProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Data;

/// <summary>Registers the portal's database (connection string <c>ConnectionStrings:Portal</c>).</summary>
public static class DataExtensions
{
    public const string ConnectionStringName = "Portal";

    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDbContextFactory<PortalDbContext>((services, options) =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");
            }
            options.UseNpgsql(PortalConnectionString.WithDeadlines(connectionString));
            // A failed command or save is EF Core's Error with a stack whoever is at fault: a unique key two requests raced
            // for is a conflict the caller answers in words. So the caller decides: what it does not handle reaches the
            // exception handler, which logs it at Error with its stack; what it handles is logged in its own words.
            options.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
        });
        builder.Services.AddScoped<IPortalDb>(services => services.GetRequiredService<PortalDbContext>());
        builder.Services.AddSingleton<IPortalDbFactory, PortalDbFactory>();
        builder.Services.AddScoped<IAuditLog, DbAuditLog>();
        builder.Services.AddScoped<PortalDatabase>();
        builder.Services.AddSingleton<Notices.PostgresReplicaNotices>();
        builder.Services.AddSingleton<IReplicaNotices>(sp => sp.GetRequiredService<Notices.PostgresReplicaNotices>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Notices.PostgresReplicaNotices>());
        builder.Services.AddDataProtection().SetApplicationName("hikube-portal");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IDbContextFactory<PortalDbContext>>((options, contexts) => options.XmlRepository = new DbXmlRepository(contexts));
        return builder;
    }
}
