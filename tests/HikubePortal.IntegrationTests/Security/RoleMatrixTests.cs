using System.Net;
using AngleSharp.Dom;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HikubePortal.IntegrationTests.Security;

/// <summary>Each role tries every page and action above it (and non-operators the operator pages): 403 with a clear page.</summary>
public sealed class RoleMatrixTests(PortalFactory portal, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_role_is_refused_the_tenant_pages_above_it_and_allowed_the_others()
    {
        var members = new Dictionary<TenantRole, TestUser>();
        foreach (var role in TenantRoles.All)
        {
            members[role] = await portal.CreateUserAsync(role.Slug());
        }
        var tenant = await portal.CreateTenantAsync([.. members.Select(m => (m.Value, m.Key))]);
        // The bucket that PortalRoutes.Route.UrlFor names, so bucket routes have something to show (no provisioner serves its class).
        var bucket = Bucket.Create(TenantNames.Namespace(tenant), "backups");
        bucket.Metadata.Labels = new Dictionary<string, string> { ["hikube.cloud/provisioner"] = "none" };
        await Cluster.Admin.Buckets.CreateAsync(bucket, null, default);
        var routes = PortalRoutes.Tenant(portal.Services).Where(r => r.Policy?.StartsWith("tenant:", StringComparison.Ordinal) == true).ToList();
        Assert.Contains(routes, r => r.Policy == "tenant:admin");

        var refused = 0;
        var allowed = 0;
        foreach (var (role, user) in members)
        {
            using var client = await portal.SignedInClientAsync(user);
            var token = await client.AntiforgeryTokenAsync();
            foreach (var route in routes)
            {
                Assert.True(TenantRoles.TryParse(route.Policy!["tenant:".Length..], out var needed), route.Policy);
                var url = route.UrlFor(tenant);
                var (response, page) = await client.GetPageAsync(url);
                if (response.StatusCode == HttpStatusCode.MethodNotAllowed && role >= needed)
                {
                    // An action (POST only; GET answers 405 once the role passed): the post is not refused.
                    using var action = await client.PostAsync(url, Form(token));
                    Assert.True(action.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
                        $"{role} POST {url} -> {action.StatusCode}");
                    allowed++;
                    continue;
                }
                if (role >= needed)
                {
                    // Allowed: the page, or (a download or zip asked for nothing) a redirect back into the same tenant.
                    var backInTenant = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther
                        && response.Headers.Location?.OriginalString.StartsWith($"/t/{tenant}/", StringComparison.Ordinal) == true;
                    Assert.True(response.StatusCode == HttpStatusCode.OK || backInTenant, $"{role} GET {url} -> {response.StatusCode}");
                    allowed++;
                    continue;
                }
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} GET {url} -> {response.StatusCode}");
                Assert.Equal("Not allowed", page.QuerySelector("h1")?.TextContent.Trim());
                using var post = await client.PostAsync(url, Form(token, ("_handler", "member-add"), ("Add.Email", user.Email), ("Add.Role", "admin")));
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{role} POST {url} -> {post.StatusCode}");
                refused += 2;
            }
        }
        output.WriteLine($"role matrix: {refused} requests refused with 403, {allowed} pages allowed");
        var roles = await portal.AsSystemAsync(services => services.GetRequiredService<IMembershipService>().ListAsync(tenant, CancellationToken.None));
        Assert.Equal(TenantRole.View, roles.Members.Single(m => m.UserId == members[TenantRole.View].Id).Role);
    }

    [Fact]
    public async Task Tenant_admins_who_are_not_operators_are_refused_the_operator_pages()
    {
        var admin = await portal.CreateUserAsync("admin");
        await portal.CreateTenantAsync((admin, TenantRole.Admin));
        var operatorRoutes = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!).Where(p => p.StartsWith("/operator", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Contains("/operator/tenants/new", operatorRoutes);
        using var client = await portal.SignedInClientAsync(admin);
        var token = await client.AntiforgeryTokenAsync();

        foreach (var route in operatorRoutes)
        {
            using var get = await client.GetAsync(route);
            using var post = await client.PostAsync(route, Form(token, ("_handler", "tenant-create"), ("Input.Name", "stolen")));
            Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {route} -> {get.StatusCode}");
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {route} -> {post.StatusCode}");
        }
        output.WriteLine($"operator pages refused to a tenant admin: {operatorRoutes.Count * 2} requests");
    }

    [Fact]
    public async Task The_services_check_roles_again_behind_the_pages()
    {
        var user = await portal.CreateUserAsync("use");
        var tenant = await portal.CreateTenantAsync((user, TenantRole.Use));
        var other = await portal.CreateTenantAsync();

        await portal.AsUserAsync(user, async services =>
        {
            var members = services.GetRequiredService<IMembershipService>();
            await Assert.ThrowsAsync<ForbiddenException>(() => members.ListAsync(tenant, CancellationToken.None));
            await Assert.ThrowsAsync<ForbiddenException>(() => members.AddExistingAsync(tenant, user.Email, TenantRole.Admin, CancellationToken.None));
            await Assert.ThrowsAsync<ForbiddenException>(() => members.ChangeRoleAsync(tenant, user.Id, TenantRole.Admin, CancellationToken.None));
            await Assert.ThrowsAsync<ForbiddenException>(() => services.GetRequiredService<IAuditQueryService>().QueryTenantAsync(tenant, new AuditQuery(), CancellationToken.None));
            await Assert.ThrowsAsync<NotFoundException>(() => members.ListAsync(other, CancellationToken.None));
            await Assert.ThrowsAsync<ForbiddenException>(() => services.GetRequiredService<ITenantService>().CreateAsync("stolen", null, CancellationToken.None));
            await Assert.ThrowsAsync<ForbiddenException>(() => services.GetRequiredService<IUserAdminService>().DisableAsync(user.Id, CancellationToken.None));
            await Assert.ThrowsAsync<ForbiddenException>(() => services.GetRequiredService<IAuditQueryService>().QueryAllAsync(null, new AuditQuery(), CancellationToken.None));
            return true;
        });
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new([new(PortalHttp.AntiforgeryField, token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);
}
