using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Models;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.KubernetesTests;

public sealed class RbacTests
{
    [Fact]
    public async Task A_token_user_is_forbidden_until_a_role_binding_allows_it()
    {
        await using var tenant = await TestTenant.CreateAsync();
        using var user = Kube.TestUser(1);

        var forbidden = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => user.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace));
        Assert.Equal(403, forbidden.StatusCode);
        Assert.Contains("hikube-test-1", forbidden.Message, StringComparison.Ordinal);

        await tenant.Admin.CreateAsync(ResourceType.RoleBindings, tenant.Namespace, new RoleBinding
        {
            Metadata = new ObjectMeta { Name = "test-1-view", Namespace = tenant.Namespace },
            RoleRef = new RoleRef { Kind = "ClusterRole", Name = "cozy:tenant:view" },
            Subjects = [Subject.User("hikube-test-1")],
        });

        Assert.True(await Kube.EventuallyAsync(async () =>
        {
            try
            {
                await user.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace);
                return true;
            }
            catch (KubernetesForbiddenException)
            {
                return false;
            }
        }), "the view binding never took effect");
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
            user.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("nope")));
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
            user.GetAsync<Secret>(ResourceType.Secrets, tenant.Namespace, "anything"));
    }

    [Fact]
    public async Task A_bad_token_is_Unauthorized()
    {
        using var client = new KubernetesClient(Kube.TestUser(1).Config with { Token = "not-a-token" });

        await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => client.ListAsync<Namespace>(ResourceType.Namespaces, null));
    }

    [Fact]
    public async Task The_portal_impersonating_a_view_group_can_list_but_not_create()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("existing"));
        using var portal = Kube.Portal();
        var viewer = RequestOptions.As(Impersonation.Of("alice@example.com", tenant.Group("view")));

        var list = await portal.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace, new ListOptions { Impersonate = viewer.Impersonate });
        Assert.Equal(["existing"], list.Items.Select(b => b.Name));

        var denied = await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
            portal.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("new-one"), viewer));
        Assert.Contains("alice@example.com", denied.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
            portal.GetAsync<Secret>(ResourceType.Secrets, tenant.Namespace, "bucket-existing-admin-credentials", viewer));

        // Without impersonation the portal's own account may create: the refusal above came from alice's rights.
        var name = LocalPlatform.UniqueName("b");
        await portal.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket(name));
    }

    [Fact]
    public async Task Every_impersonated_group_counts_not_only_the_first()
    {
        await using var tenant = await TestTenant.CreateAsync();
        using var portal = Kube.Portal();
        var admin = RequestOptions.As(Impersonation.Of("bob@example.com", "some-other-group", tenant.Group("view"), tenant.Group("admin")));

        var created = await portal.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("by-bob"), admin);

        Assert.Equal("by-bob", created.Name);
        var onlyOthers = RequestOptions.As(Impersonation.Of("bob@example.com", "some-other-group", "tenant-nobody-admin"));
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
            portal.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket("by-bob-2"), onlyOthers));
    }

    [Fact]
    public async Task Use_group_reads_credentials_through_the_reader_and_view_group_cannot()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.CreateAsync(ResourceType.Secrets, tenant.Namespace, Secret.FromStrings(tenant.Namespace, "bucket-docs-dev-credentials",
            new Dictionary<string, string> { ["accessKey"] = "AK", ["secretKey"] = "SK", ["endpoint"] = "s3.local", ["bucketName"] = "bucket-x" }));
        using var portal = Kube.Portal();

        var asUser = new KubernetesSecretSource(portal, RequestOptions.As(Impersonation.Of("carol", tenant.Group("use"))));
        var asViewer = new KubernetesSecretSource(portal, RequestOptions.As(Impersonation.Of("dave", tenant.Group("view"))));

        Assert.True((await BucketCredentialsReader.ReadAsync(asUser, tenant.Namespace, "docs", "dev", CancellationToken.None)).IsIssued);
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() => BucketCredentialsReader.ReadAsync(asViewer, tenant.Namespace, "docs", "dev", CancellationToken.None));
    }
}
