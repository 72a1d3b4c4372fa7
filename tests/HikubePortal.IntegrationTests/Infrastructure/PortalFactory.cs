using HikubePortal.Data;
using HikubePortal.Testing;
using HikubePortal.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>) against the real local platform:
/// its own database (migrated), the portal's service account kubeconfig, radosgw for the S3 health probe.
/// Use one per test class (<c>IClassFixture</c>); settings can be overridden with <see cref="Settings"/>.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool _ownsDatabase;
    private TestDatabase? _database;

    /// <summary>A portal with a new, migrated database of its own.</summary>
    public PortalFactory() => _ownsDatabase = true;

    private PortalFactory(TestDatabase database) => _database = database;

    /// <summary>A portal on <paramref name="database"/>, prepared by someone else (not migrated, not dropped).</summary>
    public static PortalFactory On(TestDatabase database) => new(database);

    /// <summary>Settings for the portal (applied before it starts).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["Security:SignInPermitLimit"] = "100000",
    };

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public virtual async Task InitializeAsync()
    {
        if (!_ownsDatabase)
        {
            return;
        }
        _database = await TestDatabase.CreateAsync();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDatabase>().MigrateAsync(CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var platform = LocalPlatform.Current;
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", Database.ConnectionString);
        builder.UseSetting("Kubernetes:Kubeconfig", platform.PortalKubeconfig);
        builder.UseSetting("Storage:HealthEndpoint", platform.S3Endpoint);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Runs <paramref name="action"/> in a scope acting as the system (an operator), like the command-line verbs.</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        return await action(scope.ServiceProvider);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase && _database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
