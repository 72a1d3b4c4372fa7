using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using k8s;
using k8s.Models;

namespace HikubePortal.PlatformTests.KubernetesTests;

public sealed class RbacTests
{
    [Fact]
    public async Task A_token_user_is_forbidden_until_a_role_binding_allows_it()
    {
        await using var tenant = await TestTenant.CreateAsync();
        using var user = Kube.TestUser(1);

        var forbidden = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => user.Buckets.ListAsync(tenant.Namespace, null, default));
        Assert.Equal(403, forbidden.StatusCode);
        Assert.Contains("hikube-test-1", forbidden.Message, StringComparison.Ordinal);

        await BindAsync(tenant, "test-1-view", new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cozy:tenant:view" }, new Rbacv1Subject { Kind = "User", ApiGroup = "rbac.authorization.k8s.io", Name = "hikube-test-1" });

        Assert.True(await Kube.EventuallyAsync(async () =>
        {
            try
            {
                await user.Buckets.ListAsync(tenant.Namespace, null, default);
                return true;
            }
            catch (KubernetesForbiddenException)
            {
                return false;
            }
        }), "the view binding never took effect");
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() => user.Buckets.CreateAsync(tenant.NewBucket("nope"), null, default));
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() => user.FindSecretAsync(tenant.Namespace, "anything"));
    }

    /// <summary>
    /// Who the call ran as, proven by the apiserver: a Role lets one group (and only it) list Secrets, which the portal's
    /// own account may not do. As itself the portal is refused; impersonating a user in that group it is allowed; in
    /// another group, refused again.
    /// </summary>
    [Fact]
    public async Task A_call_runs_as_the_impersonated_user_and_group()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var group = LocalPlatform.UniqueName("proof");
        await ClusterCall.RunAsync("create roles", ct => tenant.Admin.Kube.RbacAuthorizationV1.CreateNamespacedRoleWithHttpMessagesAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = group, NamespaceProperty = tenant.Namespace },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["secrets"], Verbs = ["list"] }],
        }, tenant.Namespace, cancellationToken: ct), default);
        await BindAsync(tenant, group, new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = group },
            new Rbacv1Subject { Kind = "Group", ApiGroup = "rbac.authorization.k8s.io", Name = group });
        using var portal = Kube.Portal();
        var inGroup = new Impersonation("erin@example.com", group);

        Assert.True(await Kube.EventuallyAsync(async () => await TryListAsync(portal, tenant, inGroup)), "the group's binding never took effect");
        var asItself = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => portal.ListSecretsAsync(tenant.Namespace));
        var otherGroup = await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
            portal.ListSecretsAsync(tenant.Namespace, new Impersonation("erin@example.com", tenant.Group("view"))));

        Assert.Contains("system:serviceaccount:", asItself.Message, StringComparison.Ordinal);
        Assert.Contains("User \"erin@example.com\"", otherGroup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_impersonating_a_view_group_can_list_but_not_create()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.Buckets.CreateAsync(tenant.NewBucket("existing"), null, default);
        using var portal = Kube.Portal();
        var viewer = new Impersonation("alice@example.com", tenant.Group("view"));

        var list = await portal.Buckets.ListAsync(tenant.Namespace, viewer, default);
        Assert.Equal(["existing"], list.Items.Select(b => b.Name));

        var denied = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => portal.Buckets.CreateAsync(tenant.NewBucket("new-one"), viewer, default));
        Assert.Contains("alice@example.com", denied.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() => portal.FindSecretAsync(tenant.Namespace, "bucket-existing-admin-credentials", viewer));

        var admin = new Impersonation("alice@example.com", tenant.Group("admin"));
        Assert.Equal("by-admin", (await portal.Buckets.CreateAsync(tenant.NewBucket("by-admin"), admin, default)).Name);
    }

    [Fact]
    public async Task Use_group_reads_credentials_through_the_reader_and_view_group_cannot()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.CreateSecretAsync(SecretValues.FromStrings(tenant.Namespace, "bucket-docs-dev-credentials",
            new Dictionary<string, string> { ["accessKey"] = "AK", ["secretKey"] = "SK", ["endpoint"] = "s3.local", ["bucketName"] = "bucket-x" }));
        using var portal = Kube.Portal();

        var asUser = new KubernetesSecretSource(portal.Kube, new Impersonation("carol", tenant.Group("use")));
        var asViewer = new KubernetesSecretSource(portal.Kube, new Impersonation("dave", tenant.Group("view")));

        Assert.True((await BucketCredentialsReader.ReadAsync(asUser, tenant.Namespace, "docs", "dev", CancellationToken.None)).IsIssued);
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() => BucketCredentialsReader.ReadAsync(asViewer, tenant.Namespace, "docs", "dev", CancellationToken.None));
    }

    private static async Task<bool> TryListAsync(TestCluster portal, TestTenant tenant, Impersonation who)
    {
        try
        {
            return (await portal.ListSecretsAsync(tenant.Namespace, who)).Items is not null;
        }
        catch (KubernetesForbiddenException)
        {
            return false;
        }
    }

    private static Task<V1RoleBinding> BindAsync(TestTenant tenant, string name, V1RoleRef role, Rbacv1Subject subject) =>
        ClusterCall.RunAsync($"create rolebindings {tenant.Namespace}/{name}",
            ct => tenant.Admin.Kube.RbacAuthorizationV1.CreateNamespacedRoleBindingWithHttpMessagesAsync(new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = tenant.Namespace },
                RoleRef = role,
                Subjects = [subject],
            }, tenant.Namespace, cancellationToken: ct), default);
}
