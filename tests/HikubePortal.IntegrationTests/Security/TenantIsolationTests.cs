using System.Net;
using AngleSharp.Dom;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HikubePortal.IntegrationTests.Security;

/// <summary>
/// The isolation matrix: members of tenant A (each role) request every tenant route of tenant B and of guessed
/// tenants, with GET and POST (with and without a valid antiforgery token): every answer is 404, and the
/// cluster's RBAC would refuse their impersonated calls in B.
/// </summary>
public sealed class TenantIsolationTests(PortalFactory portal, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Members_of_one_tenant_get_404_on_every_route_of_another()
    {
        var members = new Dictionary<TenantRole, TestUser>();
        foreach (var role in TenantRoles.All)
        {
            members[role] = await portal.CreateUserAsync($"a-{role.Slug()}");
        }
        var tenantA = await portal.CreateTenantAsync([.. members.Select(m => (m.Value, m.Key))]);
        var tenantB = await portal.CreateTenantAsync((await portal.CreateUserAsync("b-admin"), TenantRole.Admin));
        var routes = PortalRoutes.Tenant(portal.Services);
        Assert.Contains(routes, r => r.ToString().EndsWith("/members", StringComparison.Ordinal));
        string[] targets = [tenantB, LocalPlatform.UniqueName("guess"), tenantB.ToUpperInvariant(), tenantB + "-x"];

        var cases = 0;
        var failures = new List<string>();
        foreach (var (role, user) in members)
        {
            using var client = await portal.SignedInClientAsync(user);
            var token = await client.AntiforgeryTokenAsync();
            foreach (var route in routes)
            {
                foreach (var target in targets)
                {
                    var url = route.UrlFor(target);
                    foreach (var (method, body) in Requests(token))
                    {
                        cases++;
                        using var request = new HttpRequestMessage(method, url) { Content = body };
                        var status = await StatusOfAsync(client, request);
                        if (status != HttpStatusCode.NotFound)
                        {
                            failures.Add($"{role} {method} {url} ({(body is null ? "no body" : "form")}) -> {status}");
                        }
                    }
                }
            }
        }

        using (var client = await portal.SignedInClientAsync(members[TenantRole.Admin]))
        {
            var (response, page) = await client.GetPageAsync($"/t/{tenantB}/members");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Not found", page.QuerySelector("h1")?.TextContent.Trim());
            Assert.DoesNotContain(tenantB, page.Body!.TextContent, StringComparison.Ordinal);
        }
        output.WriteLine($"isolation matrix: {cases} cases ({routes.Count} routes x {targets.Length} tenants x 3 requests x {members.Count} roles), {failures.Count} not refused");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_cluster_refuses_impersonated_calls_of_a_member_into_another_tenant()
    {
        var checks = 0;
        var tenantB = await portal.CreateTenantAsync((await portal.CreateUserAsync("b-admin"), TenantRole.Admin));
        foreach (var role in TenantRoles.All)
        {
            var user = await portal.CreateUserAsync($"a-{role.Slug()}");
            var tenantA = await portal.CreateTenantAsync((user, role));
            var impersonation = await portal.AsUserAsync(user, async services =>
            {
                var access = await services.GetRequiredService<ITenantAccessService>().RequireAsync(tenantA, TenantRole.View, CancellationToken.None);
                Assert.Null(await services.GetRequiredService<ITenantAccessService>().FindAsync(tenantB, CancellationToken.None));
                return services.GetRequiredService<IClusterIdentity>().ImpersonationFor(access);
            });
            Assert.NotNull(impersonation);
            Assert.Equal(user.Email, impersonation.User);
            Assert.Equal(TenantNames.Group(tenantA, role), impersonation.Group);

            // The same identity works in its own tenant, so a refusal in B is RBAC, not a broken impersonation.
            await Cluster.Portal.Buckets.ListAsync(TenantNames.Namespace(tenantA), impersonation, default);
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
                Cluster.Portal.Buckets.ListAsync(TenantNames.Namespace(tenantB), impersonation, default));
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
                Cluster.Portal.Buckets.GetAsync(TenantNames.Namespace(tenantB), "backups", impersonation, default));
            await Assert.ThrowsAsync<KubernetesForbiddenException>(() =>
                Cluster.Portal.ListSecretsAsync(TenantNames.Namespace(tenantB), impersonation));
            checks += 3;
        }
        output.WriteLine($"impersonated calls into another tenant refused by RBAC: {checks}");
    }

    private static async Task<HttpStatusCode?> StatusOfAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static IEnumerable<(HttpMethod Method, HttpContent? Body)> Requests(string token)
    {
        yield return (HttpMethod.Get, null);
        yield return (HttpMethod.Post, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [PortalHttp.AntiforgeryField] = token,
            ["_handler"] = "member-add",
            ["Add.Email"] = "someone@example.com",
            ["Add.Role"] = "admin",
        }));
        yield return (HttpMethod.Post, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "member-invite" }));
    }
}
