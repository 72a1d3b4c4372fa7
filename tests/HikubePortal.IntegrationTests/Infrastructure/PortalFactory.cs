using HikubePortal.Data;
using HikubePortal.Testing;
using HikubePortal.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>) against the real local platform:
/// its own database (migrated), the portal's service account kubeconfig, radosgw for the S3 health probe.
/// Use one per test class (<c>IClassFixture</c>); settings can be overridden with <see cref="Settings"/>.
/// </summary>
public partial class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool _ownsDatabase;
    private TestDatabase? _database;

    /// <summary>A portal with a new, migrated database of its own, served by Kestrel on a loopback port.</summary>
    public PortalFactory()
        : this(database: null, kestrel: true)
    {
    }

    /// <summary>
    /// <paramref name="kestrel"/>: a real server on loopback (what browsers talk to); false: the in-memory test
    /// server (needed for https:// requests, no certificate here).
    /// </summary>
    protected PortalFactory(TestDatabase? database, bool kestrel)
    {
        _ownsDatabase = database is null;
        _database = database;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>A portal on <paramref name="database"/>, prepared by someone else (not migrated, not dropped).</summary>
    public static PortalFactory On(TestDatabase database) => new(database, kestrel: true);

    /// <summary>The in-memory test server (for https:// requests).</summary>
    public static PortalFactory InMemory() => new(database: null, kestrel: false);

    /// <summary>Settings for the portal (applied before it starts).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["Security:SignInPermitLimit"] = "100000",
        // Tests stop the portal often: no load balancer to drain.
        ["Shutdown:DrainDelay"] = "00:00:00",
    };

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public virtual async Task InitializeAsync()
    {
        if (!_ownsDatabase)
        {
            return;
        }
        _database = await TestDatabase.CreateAsync();
        // Migrate before the portal starts, as deployments do (its key ring lives in the database).
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(_database.ConnectionString).Options;
        await using var db = new PortalDbContext(options);
        await new PortalDatabase(db, NullLogger<PortalDatabase>.Instance).MigrateAsync(CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var platform = LocalPlatform.Current;
        builder.UseEnvironment("Testing");
        // The framework's and MudBlazor's files from the build's static web assets, as the development host serves them
        // (outside Development the mapped asset routes would point at files this project's wwwroot does not hold).
        builder.UseStaticWebAssets();
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
        scope.ServiceProvider.GetRequiredService<PortalCurrentUser>().ActAsSystem();
        return await action(scope.ServiceProvider);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DeleteTenantNamespacesAsync();
        await base.DisposeAsync();
        if (_ownsDatabase && _database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
