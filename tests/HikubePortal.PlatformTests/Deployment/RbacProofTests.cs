using HikubePortal.Application;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using k8s.Models;
using HikubePortal.PlatformTests.KubernetesTests;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace HikubePortal.PlatformTests.Deployment;

/// <summary>
/// The ClusterRoles of deploy/kubernetes, applied for real to a service account of their own: the portal's real
/// operations work with exactly those rights (tenant set-up through the portal's own <see cref="ITenantCluster"/>,
/// bucket and credential calls through its Kubernetes client impersonating tenant users), and nothing more is granted.
/// </summary>
public sealed class RbacProofTests(ITestOutputHelper output)
{
    private static ManifestObject Role(IReadOnlyList<ManifestObject> objects, string name) =>
        objects.Single(o => o is { Kind: "ClusterRole" } && o.Name == name);

    private static ManifestObject PortalRole => Role(Manifests.Render(), "hikube-portal");

    private static ManifestObject DirectRole => Role(Manifests.FromFile("rbac-service-account-mode.yaml"), "hikube-portal-direct");

    [Fact]
    public async Task With_the_rendered_role_the_portal_sets_up_tenants_and_serves_their_users()
    {
        await using var account = await PortalServiceAccount.CreateAsync(PortalRole);
        using var admin = Kube.Admin();
        var tenant = LocalPlatform.UniqueName("proof");
        var ns = TenantNames.Namespace(tenant);
        try
        {
            // Tenant set-up, as the portal's operator pages and seed-demo do it: namespace and three RoleBindings.
            var cluster = TenantCluster(account.Client);
            await cluster.EnsureTenantAsync(tenant, CancellationToken.None);
            await cluster.EnsureTenantAsync(tenant, CancellationToken.None);
            var view = await admin.GetRoleBindingAsync(ns, "cozy:tenant:view");
            view.Subjects = [new Rbacv1Subject { Kind = "Group", ApiGroup = "rbac.authorization.k8s.io", Name = "someone-else" }];
            await ClusterCall.RunAsync("replace rolebindings", ct => admin.Kube.RbacAuthorizationV1.ReplaceNamespacedRoleBindingWithHttpMessagesAsync(view, view.Metadata.Name, ns, cancellationToken: ct), default);
            await cluster.EnsureTenantAsync(tenant, CancellationToken.None);
            Assert.Equal($"{ns}-view", (await admin.GetRoleBindingAsync(ns, "cozy:tenant:view")).Subjects!.Single().Name);

            // The bucket screens, impersonating tenant users (the groups the portal just bound).
            var tenantAdmin = new Impersonation("alice@example.com", $"{ns}-admin");
            var tenantUser = new Impersonation("bob@example.com", $"{ns}-use");
            var tenantViewer = new Impersonation("carol@example.com", $"{ns}-view");
            var kube = account.Client;
            var name = LocalPlatform.UniqueName("b");
            var created = await Eventually(() => kube.Buckets.CreateAsync(Bucket.Create(ns, name, new BucketSpec
            {
                Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess },
            }), tenantAdmin, default));
            Assert.Contains(name, (await kube.Buckets.ListAsync(ns, tenantViewer, default)).Items.Select(b => b.Name));
            await kube.Buckets.GetAsync(ns, name, tenantViewer, default);
            await kube.Buckets.PatchAsync(ns, name,
                new { spec = new { users = new Dictionary<string, object> { ["admin"] = new { }, ["reader"] = new { @readonly = true } } } }, tenantAdmin, default);
            var source = new KubernetesSecretSource(kube.Kube, tenantUser);
            BucketCredentialsResult? credentials = null;
            for (var i = 0; i < 300 && credentials?.IsIssued != true; i++)
            {
                credentials = await BucketCredentialsReader.ReadAsync(source, ns, name, "reader", CancellationToken.None);
                await Task.Delay(200);
            }
            Assert.True(credentials?.IsIssued, "the provisioner's credential Secret was never readable as a tenant user");
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
                BucketCredentialsReader.ReadAsync(new KubernetesSecretSource(kube.Kube, tenantViewer), ns, name, "reader", CancellationToken.None));
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() => kube.Buckets.CreateAsync(Bucket.Create(ns, name + "-no"), tenantViewer, default));
            // The shared watch cache: list and watch as the tenant's view group.
            using var caches = new HikubePortal.Kubernetes.Watching.BucketWatchCaches(kube.Kube, _ => new Impersonation("hikube-portal:bucket-watch", $"{ns}-view"),
                Microsoft.Extensions.Options.Options.Create(new KubernetesOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            Assert.Contains(name, (await caches.OpenSyncedAsync(ns, default)).Buckets.Select(b => b.Name));
            await kube.Buckets.DeleteAsync(ns, name, tenantAdmin, default, uid: created.Metadata.Uid);

            // As itself, the account reaches no bucket and no Secret: every such call above was the user's right.
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() => kube.Buckets.ListAsync(ns, null, default));
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() => kube.FindSecretAsync(ns, BucketNames.CredentialsSecretName(name, "reader")));
            // The readiness probe reads namespace "default": refused, which the Kubernetes health check counts as reachable.
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() => kube.FindNamespaceAsync("default"));
        }
        finally
        {
            await admin.DeleteNamespaceAsync(ns);
        }
    }

    [Fact]
    public async Task The_rendered_role_grants_what_the_portal_calls_and_nothing_more()
    {
        await using var account = await PortalServiceAccount.CreateAsync(PortalRole);
        var tenantNs = "tenant-anything";
        (string Verb, string Group, string Resource, string? Ns, string? Name)[] allowed =
        [
            ("impersonate", "", "users", null, "alice@example.com"),
            ("impersonate", "", "groups", null, "tenant-anything-admin"),
            ("create", "", "namespaces", null, null),
            ("get", "rbac.authorization.k8s.io", "rolebindings", tenantNs, "cozy:tenant:view"),
            ("create", "rbac.authorization.k8s.io", "rolebindings", tenantNs, null),
            ("update", "rbac.authorization.k8s.io", "rolebindings", tenantNs, "cozy:tenant:use"),
            ("bind", "rbac.authorization.k8s.io", "clusterroles", null, "cozy:tenant:admin"),
        ];
        (string Verb, string Group, string Resource, string? Ns, string? Name)[] denied =
        [
            ("get", "", "secrets", "kube-system", null),
            ("list", "", "secrets", tenantNs, null),
            ("get", "", "secrets", tenantNs, "bucket-x-admin-credentials"),
            ("create", "", "secrets", tenantNs, null),
            ("list", "apps.cozystack.io", "buckets", tenantNs, null),
            ("create", "apps.cozystack.io", "buckets", tenantNs, null),
            ("delete", "apps.cozystack.io", "buckets", tenantNs, "x"),
            ("list", "cozystack.io", "workloads", tenantNs, null),
            ("get", "", "namespaces", null, "default"),
            ("list", "", "namespaces", null, null),
            ("delete", "", "namespaces", null, tenantNs),
            ("update", "", "namespaces", null, tenantNs),
            ("delete", "rbac.authorization.k8s.io", "rolebindings", tenantNs, "cozy:tenant:view"),
            ("list", "rbac.authorization.k8s.io", "rolebindings", tenantNs, null),
            ("bind", "rbac.authorization.k8s.io", "clusterroles", null, "cluster-admin"),
            ("escalate", "rbac.authorization.k8s.io", "clusterroles", null, "cozy:tenant:admin"),
            ("create", "rbac.authorization.k8s.io", "clusterroles", null, null),
            ("create", "rbac.authorization.k8s.io", "clusterrolebindings", null, null),
            ("impersonate", "", "serviceaccounts", "kube-system", "default"),
            ("impersonate", "authentication.k8s.io", "userextras", null, "scopes"),
            ("list", "", "pods", tenantNs, null),
            ("create", "", "pods", tenantNs, null),
            ("create", "apps", "deployments", tenantNs, null),
            ("list", "", "nodes", null, null),
            ("create", "", "serviceaccounts", tenantNs, null),
            ("create", "authentication.k8s.io", "tokenreviews", null, null),
            ("create", "authorization.k8s.io", "subjectaccessreviews", null, null),
            ("list", "apiextensions.k8s.io", "customresourcedefinitions", null, null),
        ];

        var wrong = new List<string>();
        foreach (var (verb, group, resource, ns, name) in allowed.Concat(denied))
        {
            var expected = allowed.Contains((verb, group, resource, ns, name));
            var can = await account.CanAsync(verb, group, resource, ns, name);
            output.WriteLine($"{(can ? "yes" : "no "),-4}{verb} {resource}{(group.Length > 0 ? "." + group : "")}{(ns is null ? "" : " in " + ns)}{(name is null ? "" : " named " + name)}");
            if (can != expected)
            {
                wrong.Add($"{verb} {resource}.{group} {ns}/{name}: {(can ? "allowed" : "denied")}, expected {(expected ? "allowed" : "denied")}");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Impersonation_cannot_be_narrowed_to_tenant_groups_so_the_token_weighs_as_much_as_cluster_admin()
    {
        // Kubernetes has no name patterns for impersonate: what README "Deploying to a cluster" warns about.
        await using var account = await PortalServiceAccount.CreateAsync(PortalRole);

        var secrets = await account.Client.ListSecretsAsync("kube-system", new Impersonation("anyone", "system:masters"));

        Assert.NotNull(secrets.Items);
    }

    [Fact]
    public async Task With_the_service_account_mode_role_the_portal_manages_buckets_as_itself_and_only_reads_secrets()
    {
        await using var account = await PortalServiceAccount.CreateAsync(PortalRole, DirectRole);
        await using var tenant = await TestTenant.CreateAsync("proof");
        var kube = account.Client;
        var ns = tenant.Namespace;
        await tenant.Admin.CreateSecretAsync(SecretValues.FromStrings(ns, "bucket-docs-dev-credentials",
            new Dictionary<string, string> { ["accessKey"] = "AK", ["secretKey"] = "SK", ["endpoint"] = "s3.local", ["bucketName"] = "bucket-x" }));

        var created = await Eventually(() => kube.Buckets.CreateAsync(tenant.NewBucket("docs"), null, default));
        Assert.Equal(["docs"], (await kube.Buckets.ListAsync(ns, null, default)).Items.Select(b => b.Name));
        await kube.Buckets.PatchAsync(ns, "docs", new { spec = new { users = new Dictionary<string, object> { ["dev"] = new { } } } }, null, default);
        Assert.True((await BucketCredentialsReader.ReadAsync(new KubernetesSecretSource(kube.Kube), ns, "docs", "dev", CancellationToken.None)).IsIssued);
        // The shared watch cache runs as the portal itself in this mode.
        Assert.True(await account.CanAsync("watch", "apps.cozystack.io", "buckets", ns));
        Assert.True(await account.CanAsync("watch", "cozystack.io", "workloads", ns));
        Assert.False(await account.CanAsync("update", "cozystack.io", "workloads", ns));
        await kube.Buckets.DeleteAsync(ns, "docs", null, default, uid: created.Metadata.Uid);

        Assert.False(await account.CanAsync("list", "", "secrets", ns));
        Assert.False(await account.CanAsync("create", "", "secrets", ns));
        Assert.False(await account.CanAsync("update", "apps.cozystack.io", "buckets", ns, "docs", "status"));
    }

    private static ITenantCluster TenantCluster(TestCluster client)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(client.Kube);
        builder.AddPortalApplication();
        return builder.Build().Services.GetRequiredService<ITenantCluster>();
    }

    /// <summary>RBAC changes reach the authorizer's cache a moment after they are stored: retry Forbidden briefly.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> call)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await call();
            }
            catch (KubernetesForbiddenException) when (i < 50)
            {
                await Task.Delay(200);
            }
        }
    }
}
