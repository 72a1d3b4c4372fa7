using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using k8s;
using k8s.Models;

namespace HikubePortal.PlatformTests.KubernetesTests;

/// <summary>Clients for the local platform's identities, and throw-away tenant namespaces.</summary>
internal static class Kube
{
    /// <summary>cluster-admin (the platform's KUBECONFIG).</summary>
    public static TestCluster Admin() => TestCluster.FromKubeconfig(LocalPlatform.Current.AdminKubeconfig);

    /// <summary>The portal's service account (may impersonate users and groups).</summary>
    public static TestCluster Portal() => TestCluster.FromKubeconfig(LocalPlatform.Current.PortalKubeconfig);

    /// <summary>A static token user (hikube-test-N: no groups, no rights until bound).</summary>
    public static TestCluster TestUser(int number) =>
        TestCluster.WithToken(LocalPlatform.Current.KubeServer, LocalPlatform.Current.KubeCaFile, LocalPlatform.Current.TestTokens[number - 1]);

    /// <summary>Polls <paramref name="probe"/> until it returns true (RBAC and caches settle asynchronously).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> probe, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe())
            {
                return true;
            }
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(200);
        }
    }
}

/// <summary>
/// A tenant namespace <c>tenant-&lt;unique&gt;</c> with the Cozystack-like RoleBindings to groups
/// <c>tenant-&lt;unique&gt;-view|use|admin</c>, created through the client and deleted afterwards.
/// </summary>
internal sealed class TestTenant : IAsyncDisposable
{
    private TestTenant(TestCluster admin, string name)
    {
        Admin = admin;
        Name = name;
    }

    public TestCluster Admin { get; }

    /// <summary>The tenant's short name; the namespace is <see cref="Namespace"/>.</summary>
    public string Name { get; }

    public string Namespace => $"tenant-{Name}";

    public string Group(string role) => $"tenant-{Name}-{role}";

    /// <summary>
    /// Label of the provisioner class that handles a Bucket (no label: the platform's provisioner). These tests
    /// exercise the client alone, so their Buckets name a class no provisioner serves: nothing else changes them.
    /// </summary>
    public const string ProvisionerClassLabel = "hikube.cloud/provisioner";

    /// <summary>A Bucket of this tenant that no provisioner touches.</summary>
    public Bucket NewBucket(string name, BucketSpec? spec = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var bucket = Bucket.Create(Namespace, name, spec);
        bucket.Metadata.Labels = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { [ProvisionerClassLabel] = "none-client-tests" };
        return bucket;
    }

    public static async Task<TestTenant> CreateAsync(string prefix = "k")
    {
        var admin = Kube.Admin();
        var tenant = new TestTenant(admin, LocalPlatform.UniqueName(prefix));
        // The project's own tenant set-up, as the portal does it (idempotent, repairs tampered bindings).
        await new TenantNamespaces(admin.Kube).EnsureAsync(tenant.Namespace,
            new[] { "view", "use", "admin" }.ToDictionary(role => $"cozy:tenant:{role}", tenant.Group), CancellationToken.None);
        return tenant;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Admin.DeleteNamespaceAsync(Namespace);
        }
        finally
        {
            Admin.Dispose();
        }
    }
}
