using System.Net;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Tenants;

/// <summary>
/// An operator creates tenants (namespace and role bindings on the cluster) and disables users, through the services
/// the interactive operator pages call; the pages themselves answer their GETs.
/// </summary>
public sealed class OperatorPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private Task<T> AsOperatorAsync<T>(TestUser op, Func<IServiceProvider, Task<T>> action) => portal.AsUserAsync(op, action, isOperator: true);

    [Fact]
    public async Task Creating_a_tenant_creates_its_namespace_and_role_bindings_and_lists_it()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var firstAdmin = await portal.CreateUserAsync("first-admin");
        var name = LocalPlatform.UniqueName("op");
        try
        {
            var created = await AsOperatorAsync(op, s => s.GetRequiredService<ITenantService>().CreateAsync(name, firstAdmin.Email, CancellationToken.None));
            Assert.Equal((name, 1, 1), (created.Name, created.Members, created.Admins));

            var ns = TenantNames.Namespace(name);
            var namespaceObject = await Cluster.Admin.GetNamespaceAsync(ns);
            Assert.Equal("hikube-portal", namespaceObject.Metadata.Labels?["app.kubernetes.io/managed-by"]);
            foreach (var role in TenantRoles.All)
            {
                var binding = await Cluster.Admin.GetRoleBindingAsync(ns, TenantNames.RoleBinding(role));
                Assert.Equal(("ClusterRole", TenantNames.RoleBinding(role)), (binding.RoleRef.Kind, binding.RoleRef.Name));
                Assert.Equal(TenantNames.Group(name, role), Assert.Single(binding.Subjects!).Name);
            }
            using var client = await portal.SignedInClientAsync(op);
            var (_, list) = await client.GetPageAsync("/operator/tenants");
            Assert.Contains(list.QuerySelectorAll("td a"), a => a.TextContent == name);
            using var adminClient = await portal.SignedInClientAsync(firstAdmin);
            using var members = await adminClient.GetAsync($"/t/{name}/members");
            Assert.Equal(HttpStatusCode.OK, members.StatusCode);

            var again = await Assert.ThrowsAsync<ConflictException>(() => AsOperatorAsync(op, s => s.GetRequiredService<ITenantService>().CreateAsync(name, null, CancellationToken.None)));
            Assert.Equal($"Tenant name {name} is already used.", again.Message);
            var check = await AsOperatorAsync(op, s => s.GetRequiredService<ITenantService>().CheckNameAsync(name, CancellationToken.None));
            Assert.Equal((false, $"Tenant name {name} is already used."), (check.Available, check.Problem));
        }
        finally
        {
            await Cluster.DeleteNamespacesAsync(TenantNames.Namespace(name));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_tenant_without_the_optional_first_admin_is_created(string? firstAdmin)
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var name = LocalPlatform.UniqueName("solo");
        try
        {
            var created = await AsOperatorAsync(op, s => s.GetRequiredService<ITenantService>().CreateAsync(name, firstAdmin, CancellationToken.None));

            Assert.Equal((name, 0, 0), (created.Name, created.Members, created.Admins));
            Assert.NotNull(await Cluster.Admin.FindNamespaceAsync(TenantNames.Namespace(name)));
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
    [InlineData("tenant-acme")]
    [InlineData("")]
    public async Task Bad_tenant_names_are_refused_before_reaching_the_cluster(string name)
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);

        var error = await Assert.ThrowsAsync<InvalidException>(() => AsOperatorAsync(op, s => s.GetRequiredService<ITenantService>().CreateAsync(name, null, CancellationToken.None)));
        var check = await AsOperatorAsync(op, s => s.GetRequiredService<ITenantService>().CheckNameAsync(name, CancellationToken.None));

        Assert.Equal(TenantNames.Problem(name), error.Message);
        Assert.Equal((false, error.Message), (check.Available, check.Problem));
        if (name.Length > 0)
        {
            Assert.Null(await Cluster.Admin.FindNamespaceAsync("tenant-" + name.ToLowerInvariant()));
        }
    }

    [Fact]
    public async Task A_first_admin_without_an_account_is_refused_and_nothing_is_created()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var name = LocalPlatform.UniqueName("nobody");

        var error = await Assert.ThrowsAsync<InvalidException>(() => AsOperatorAsync(op, s => s.GetRequiredService<ITenantService>().CreateAsync(name, "nobody@example.com", CancellationToken.None)));

        Assert.Equal(["FirstAdminEmail"], error.Errors.Keys);
        Assert.Null(await Cluster.Admin.FindNamespaceAsync(TenantNames.Namespace(name)));
    }

    [Fact]
    public async Task Disabling_a_user_locks_them_out_and_enabling_lets_them_back()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var user = await portal.CreateUserAsync("member");

        await AsOperatorAsync(op, async s => { await s.GetRequiredService<IUserAdminService>().DisableAsync(user.Id, CancellationToken.None); return 0; });
        var listed = await AsOperatorAsync(op, s => s.GetRequiredService<IUserAdminService>().ListAsync(user.Email, 1, 50, CancellationToken.None));
        Assert.True(Assert.Single(listed.Items).Disabled);
        using var refused = await portal.CreateAnonymousClient().SignInAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        await AsOperatorAsync(op, async s => { await s.GetRequiredService<IUserAdminService>().EnableAsync(user.Id, CancellationToken.None); return 0; });
        using var welcome = await portal.CreateAnonymousClient().SignInAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, welcome.StatusCode);
    }

    [Fact]
    public async Task An_operator_cannot_disable_themself()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            AsOperatorAsync(op, async s => { await s.GetRequiredService<IUserAdminService>().DisableAsync(op.Id, CancellationToken.None); return 0; }));

        Assert.Equal("You cannot disable your own account.", error.Message);
    }

    [Fact]
    public async Task User_searches_the_database_cannot_take_are_refused_in_words_and_the_page_answers_any_address()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var users = (Func<IServiceProvider, Task<UserPage>> list) => AsOperatorAsync(op, list);

        var nul = await Assert.ThrowsAsync<InvalidException>(() => users(s => s.GetRequiredService<IUserAdminService>().ListAsync("ana\0", 1, 50, CancellationToken.None)));
        var page = await Assert.ThrowsAsync<InvalidException>(() => users(s => s.GetRequiredService<IUserAdminService>().ListAsync(null, int.MaxValue, 50, CancellationToken.None)));
        Assert.Equal("The email filter cannot contain control characters.", nul.Message);
        Assert.StartsWith($"There is no page {int.MaxValue}", page.Message, StringComparison.Ordinal);

        using var client = await portal.SignedInClientAsync(op);
        foreach (var url in new[] { "/operator/users?page=abc", "/operator/users?q=%00&page=-3", "/operator/tenants/new", "/operator/tenants" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} -> {response.StatusCode}");
        }
    }
}
