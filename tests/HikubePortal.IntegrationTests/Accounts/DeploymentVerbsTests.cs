using System.Net;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Accounts;

/// <summary>
/// What <c>deploy/local/up.sh</c> does: <c>migrate</c> and <c>seed-demo</c> on a fresh database, then a person
/// signs in over HTTP and lands in the demo tenant.
/// </summary>
public sealed class DeploymentVerbsTests : IAsyncLifetime
{
    private const string Password = "Demo-password-123";
    private readonly string _tenant = LocalPlatform.UniqueName("seed");
    private readonly string _email = $"{LocalPlatform.UniqueName("demo")}@example.com";
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("verbs");

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await Cluster.DeleteNamespacesAsync(TenantNames.Namespace(_tenant));
    }

    [Fact]
    public async Task Migrate_then_seed_demo_twice_then_sign_in_over_http()
    {
        var migrate = await PortalCommand.RunAsync(_database.ConnectionString, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.DoesNotContain("migrate: 0 migration(s)", migrate.Output, StringComparison.Ordinal);
        var again = await PortalCommand.RunAsync(_database.ConnectionString, "migrate");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("migrate: 0 migration(s) applied", again.Output, StringComparison.Ordinal);

        for (var run = 0; run < 2; run++)
        {
            var seed = await PortalCommand.RunAsync(_database.ConnectionString, "seed-demo", "--email", _email, "--password", Password, "--tenant", _tenant);
            Assert.True(seed.ExitCode == 0, seed.Error);
            Assert.DoesNotContain(Password, seed.Output + seed.Error, StringComparison.Ordinal);
        }

        var ns = TenantNames.Namespace(_tenant);
        Assert.NotNull(await Cluster.Admin.FindNamespaceAsync(ns));
        foreach (var role in TenantRoles.All)
        {
            var binding = await Cluster.Admin.GetRoleBindingAsync(ns, TenantNames.RoleBinding(role));
            Assert.Equal(TenantNames.RoleBinding(role), binding.RoleRef.Name);
            Assert.Equal(TenantNames.Group(_tenant, role), Assert.Single(binding.Subjects!).Name);
        }

        await using var portal = PortalFactory.On(_database);
        using var client = portal.CreateAnonymousClient();
        using var signIn = await client.SignInAsync(_email, Password);
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        Assert.Equal("/", signIn.RedirectPath());

        var (home, start) = await client.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(start.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/t/{_tenant}" && a.TextContent.Trim() == ns);

        var (tenantResponse, tenantPage) = await client.GetPageAsync($"/t/{_tenant}");
        Assert.Equal(HttpStatusCode.OK, tenantResponse.StatusCode);
        Assert.Equal(ns, tenantPage.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains(ns, tenantPage.Title, StringComparison.Ordinal);
    }

}
