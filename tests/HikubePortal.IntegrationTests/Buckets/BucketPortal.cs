using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using HikubePortal.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>
/// A portal on its own database with a tenant of its own and one member per role, plus the admin of another
/// tenant; the Kubernetes client counts its calls. Credential endpoints are http (the local radosgw).
/// </summary>
public class BucketPortal : PortalFactory, IAsyncLifetime
{
    private readonly Dictionary<string, TestUser> _members = new(StringComparer.Ordinal);

    public BucketPortal()
    {
        Settings["Buckets:EndpointScheme"] = "http";
        Settings["Buckets:JobPollInterval"] = "00:00:00.200";
        Settings["Buckets:RotationTimeout"] = "00:00:45";
    }

    public string Tenant { get; } = LocalPlatform.UniqueName("bkt");

    public string OtherTenant { get; } = LocalPlatform.UniqueName("bko");

    public string Namespace => TenantNames.Namespace(Tenant);

    public string AdminEmail { get; } = $"{LocalPlatform.UniqueName("admin")}@example.com";

    public string UseEmail { get; } = $"{LocalPlatform.UniqueName("dev")}@example.com";

    public string ViewEmail { get; } = $"{LocalPlatform.UniqueName("viewer")}@example.com";

    public string OtherEmail { get; } = $"{LocalPlatform.UniqueName("other")}@example.com";

    public CountingKubernetesHandler KubernetesCalls => Services.GetRequiredService<CountingKubernetesHandler>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AsSystemAsync(async services =>
        {
            var users = services.GetRequiredService<IUserAdminService>();
            var tenants = services.GetRequiredService<ITenantService>();
            var members = services.GetRequiredService<IMembershipService>();
            await tenants.EnsureAsync(Tenant, CancellationToken.None);
            await tenants.EnsureAsync(OtherTenant, CancellationToken.None);
            foreach (var (email, tenant, role) in new[]
            {
                (AdminEmail, Tenant, TenantRole.Admin), (UseEmail, Tenant, TenantRole.Use),
                (ViewEmail, Tenant, TenantRole.View), (OtherEmail, OtherTenant, TenantRole.Admin),
            })
            {
                var id = await users.EnsureUserAsync(email, Password, isOperator: false, CancellationToken.None);
                await members.AddExistingAsync(tenant, email, role, CancellationToken.None);
                _members[email] = new TestUser(id, email, Password);
            }
            return 0;
        });
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the application services in one scope as the member <paramref name="email"/>
    /// (what an interactive page's event handlers do in its circuit).
    /// </summary>
    public Task<T> AsMemberAsync<T>(string email, Func<IServiceProvider, Task<T>> action) => AsUserAsync(Member(email), action);

    /// <inheritdoc cref="AsMemberAsync{T}"/>
    public Task AsMemberAsync(string email, Func<IServiceProvider, Task> action) =>
        AsMemberAsync(email, async services =>
        {
            await action(services);
            return true;
        });

    /// <summary>The account of one of the members above.</summary>
    public TestUser Member(string email) => _members[email];

    /// <summary>Creates a bucket as the tenant's admin, through the service the create page calls.</summary>
    public Task<BucketDetails> CreateBucketAsync(string name, params (string Name, bool ReadOnly)[] users) =>
        AsMemberAsync(AdminEmail, services => services.GetRequiredService<IBucketService>().CreateAsync(
            Tenant, new NewBucket(name, [.. users.Select(u => new BucketUserView(u.Name, u.ReadOnly))]), CancellationToken.None));

    /// <summary>Reads the bucket as the tenant's admin (the bucket page's read) until it is in <paramref name="phase"/>.</summary>
    public async Task<BucketDetails> WaitForPhaseAsync(string name, BucketPhase phase, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var shown = await AsMemberAsync(AdminEmail, async services =>
            {
                try
                {
                    return await services.GetRequiredService<IBucketService>().GetAsync(Tenant, name, CancellationToken.None);
                }
                catch (NotFoundException)
                {
                    return null; // not in the tenant's watch cache yet
                }
            });
            if (shown?.State.Phase == phase)
            {
                return shown;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Bucket {name} is {shown?.State.Phase.ToString() ?? "not found"}, not {phase}, after {seconds} s");
            }
            await Task.Delay(300);
        }
    }

    /// <summary>A client signed in as <paramref name="email"/> that keeps cookies and does not follow redirects.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = CreateAnonymousClient();
        using var response = await client.SignInAsync(email, Password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}");
        }
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<CountingKubernetesHandler>();
            services.AddSingleton<IKubernetes>(sp => new k8s.Kubernetes(sp.GetRequiredService<KubernetesClientConfiguration>(), sp.GetRequiredService<CountingKubernetesHandler>()));
        });
    }

    /// <summary>Waits until the platform has removed the bucket from the cluster.</summary>
    public async Task WaitGoneAsync(string name)
    {
        for (var i = 0; i < 200 && await Cluster.Admin.Buckets.FindAsync(Namespace, name, null, default) is not null; i++)
        {
            await Task.Delay(300);
        }
        Assert.Null(await Cluster.Admin.Buckets.FindAsync(Namespace, name, null, default));
    }

    /// <summary>Stops the portal, drops its database, deletes the tenants' namespaces (and so their buckets).</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncDisposable)this).DisposeAsync();
        await Database.DisposeAsync();
        await Cluster.DeleteNamespacesAsync(Namespace, TenantNames.Namespace(OtherTenant));
    }
}
