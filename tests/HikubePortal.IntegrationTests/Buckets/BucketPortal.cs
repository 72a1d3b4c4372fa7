using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
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

    private readonly Dictionary<string, TestUser> _users = new(StringComparer.Ordinal);

    /// <summary>The account of one of the emails above (for calls to the services as that user).</summary>
    public TestUser User(string email) => _users[email];

    /// <summary>Creates a bucket in <see cref="Tenant"/> as <paramref name="email"/>, through the service the create page calls.</summary>
    public Task<HikubePortal.Application.Buckets.BucketDetails> CreateBucketAsync(string email, string name, params (string Name, bool ReadOnly)[] users) =>
        this.CreateBucketAsync(User(email), Tenant, name, users);

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
                _users[email] = new TestUser(await users.EnsureUserAsync(email, Password, isOperator: false, CancellationToken.None), email, Password);
                await members.AddExistingAsync(tenant, email, role, CancellationToken.None);
            }
            return 0;
        });
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

    /// <summary>Stops the portal, drops its database, deletes the tenants' namespaces (and so their buckets).</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncDisposable)this).DisposeAsync();
        await Database.DisposeAsync();
        await Cluster.DeleteNamespacesAsync(Namespace, TenantNames.Namespace(OtherTenant));
    }
}
