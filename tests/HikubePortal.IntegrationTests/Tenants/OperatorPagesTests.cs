using System.Net;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Tenants;

/// <summary>An operator creates tenants (namespace and role bindings on the cluster) and disables users.</summary>
public sealed class OperatorPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Creating_a_tenant_creates_its_namespace_and_role_bindings_and_lists_it()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var firstAdmin = await portal.CreateUserAsync("first-admin");
        var name = LocalPlatform.UniqueName("op");
        using var client = await portal.SignedInClientAsync(op);
        try
        {
            using var create = await client.PostFormAsync("/operator/tenants/new", "tenant-create", new Dictionary<string, string>
            {
                ["Input.Name"] = name,
                ["Input.FirstAdminEmail"] = firstAdmin.Email,
            });
            Assert.Equal($"/operator/tenants?created={name}", create.RedirectPath());

            var ns = TenantNames.Namespace(name);
            var namespaceObject = await Cluster.Admin.GetNamespaceAsync(ns);
            Assert.Equal("hikube-portal", namespaceObject.Metadata.Labels?["app.kubernetes.io/managed-by"]);
            foreach (var role in TenantRoles.All)
            {
                var binding = await Cluster.Admin.GetRoleBindingAsync(ns, TenantNames.RoleBinding(role));
                Assert.Equal(("ClusterRole", TenantNames.RoleBinding(role)), (binding.RoleRef.Kind, binding.RoleRef.Name));
                Assert.Equal(TenantNames.Group(name, role), Assert.Single(binding.Subjects!).Name);
            }
            var (_, list) = await client.GetPageAsync("/operator/tenants");
            Assert.Contains(list.QuerySelectorAll("td a"), a => a.TextContent == name);
            using var adminClient = await portal.SignedInClientAsync(firstAdmin);
            using var members = await adminClient.GetAsync($"/t/{name}/members");
            Assert.Equal(HttpStatusCode.OK, members.StatusCode);

            using var again = await client.PostFormAsync("/operator/tenants/new", "tenant-create", new Dictionary<string, string> { ["Input.Name"] = name });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains($"Tenant name {name} is already used.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await Cluster.DeleteNamespacesAsync(TenantNames.Namespace(name));
        }
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("1acme")]
    [InlineData("acme_corp")]
    [InlineData("acme-")]
    [InlineData("")]
    public async Task Bad_tenant_names_are_refused_before_reaching_the_cluster(string name)
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        using var client = await portal.SignedInClientAsync(op);

        using var response = await client.PostFormAsync("/operator/tenants/new", "tenant-create", new Dictionary<string, string> { ["Input.Name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text-danger", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        if (name.Length > 0)
        {
            Assert.Null(await Cluster.Admin.FindNamespaceAsync("tenant-" + name.ToLowerInvariant()));
        }
    }

    [Fact]
    public async Task Disabling_a_user_from_the_users_page_locks_them_out_and_enabling_lets_them_back()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var user = await portal.CreateUserAsync("member");
        using var client = await portal.SignedInClientAsync(op);

        using var disable = await client.PostFormAsync($"/operator/users?q={Uri.EscapeDataString(user.Email)}", $"disable-{user.Id:N}");
        Assert.Equal("/operator/users?done=disabled", disable.RedirectPath());
        using var refused = await portal.CreateAnonymousClient().SignInAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        using var enable = await client.PostFormAsync($"/operator/users?q={Uri.EscapeDataString(user.Email)}", $"enable-{user.Id:N}");
        Assert.Equal("/operator/users?done=enabled", enable.RedirectPath());
        using var welcome = await portal.CreateAnonymousClient().SignInAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, welcome.StatusCode);
    }

    [Fact]
    public async Task An_operator_cannot_disable_themself()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        using var client = await portal.SignedInClientAsync(op);

        using var response = await client.PostFormAsync($"/operator/users?q={Uri.EscapeDataString(op.Email)}", $"disable-{op.Id:N}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("You cannot disable your own account.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
