using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Security;

/// <summary>
/// An interactive page keeps one service scope for hours (its circuit). Each test opens ONE scope as the user, changes
/// their rights from outside it (another admin, another tab), and checks that the same scope's next calls are refused:
/// the services read memberships, roles and the session's security stamp on every call, never from the page.
/// </summary>
public sealed class CircuitSessionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Past the membership cache of a scope (two seconds, TenantAccessService.Freshness).</summary>
    private static Task PastFreshnessAsync() => Task.Delay(TimeSpan.FromSeconds(2.2));

    [Fact]
    public async Task A_role_lowered_mid_circuit_refuses_the_next_admin_call_and_keeps_viewing()
    {
        var user = await portal.CreateUserAsync("lowered");
        var tenant = await portal.CreateTenantAsync((await portal.CreateUserAsync("admin"), TenantRole.Admin), (user, TenantRole.Admin));

        var refused = await portal.AsUserAsync(user, async services =>
        {
            var members = services.GetRequiredService<IMembershipService>();
            var audit = services.GetRequiredService<IAuditQueryService>();
            var buckets = services.GetRequiredService<IBucketService>();
            Assert.NotEmpty((await members.ListAsync(tenant, None)).Members);
            await audit.QueryTenantAsync(tenant, new AuditQuery(), None);

            await portal.AsSystemAsync(s => Done(s.GetRequiredService<IMembershipService>().ChangeRoleAsync(tenant, user.Id, TenantRole.View, None)));
            await PastFreshnessAsync();

            var count = 0;
            count += await RefusedAsync<ForbiddenException>(() => members.ListAsync(tenant, None));
            count += await RefusedAsync<ForbiddenException>(() => audit.QueryTenantAsync(tenant, new AuditQuery(), None));
            count += await RefusedAsync<ForbiddenException>(() => members.InviteAsync(tenant, "someone@example.com", TenantRole.Admin, None));
            count += await RefusedAsync<ForbiddenException>(() => buckets.CreateAsync(tenant, new NewBucket("stolen", []), None));
            count += await RefusedAsync<ForbiddenException>(() => services.GetRequiredService<ICredentialService>().RevealAsync(tenant, "any", "admin", None));
            // What view still allows keeps working in the same scope.
            await buckets.ListAsync(tenant, new BucketListQuery(), None);
            return count;
        });
        Assert.Equal(5, refused);
    }

    [Fact]
    public async Task A_member_removed_mid_circuit_no_longer_sees_the_tenant()
    {
        var admin = await portal.CreateUserAsync("admin");
        var user = await portal.CreateUserAsync("removed");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin), (user, TenantRole.Use));

        var refused = await portal.AsUserAsync(user, async services =>
        {
            var buckets = services.GetRequiredService<IBucketService>();
            var access = services.GetRequiredService<ITenantAccessService>();
            await buckets.ListAsync(tenant, new BucketListQuery(), None);
            Assert.Contains(await access.ListMineAsync(None), a => a.Tenant == tenant);

            await portal.AsUserAsync(admin, s => Done(s.GetRequiredService<IMembershipService>().RemoveAsync(tenant, user.Id, None)));
            await PastFreshnessAsync();

            var count = 0;
            count += await RefusedAsync<NotFoundException>(() => buckets.ListAsync(tenant, new BucketListQuery(), None));
            count += await RefusedAsync<NotFoundException>(() => buckets.GetAsync(tenant, "any", None));
            count += await RefusedAsync<NotFoundException>(() => services.GetRequiredService<ICredentialService>().ListAsync(tenant, "any", None));
            Assert.Null(await access.FindAsync(tenant, None));
            Assert.DoesNotContain(await access.ListMineAsync(None), a => a.Tenant == tenant);
            return count;
        });
        Assert.Equal(3, refused);
    }

    [Fact]
    public async Task A_circuit_asking_for_another_tenant_is_told_it_does_not_exist()
    {
        var user = await portal.CreateUserAsync("neighbour");
        var mine = await portal.CreateTenantAsync((user, TenantRole.Admin));
        var theirs = await portal.CreateTenantAsync();

        var refused = await portal.AsUserAsync(user, async services =>
        {
            var buckets = services.GetRequiredService<IBucketService>();
            await buckets.ListAsync(mine, new BucketListQuery(), None);
            var count = 0;
            count += await RefusedAsync<NotFoundException>(() => buckets.ListAsync(theirs, new BucketListQuery(), None));
            count += await RefusedAsync<NotFoundException>(() => buckets.CreateAsync(theirs, new NewBucket("mine-now", []), None));
            count += await RefusedAsync<NotFoundException>(() => services.GetRequiredService<IMembershipService>().ListAsync(theirs, None));
            count += await RefusedAsync<NotFoundException>(() => services.GetRequiredService<ICredentialService>().RevealAsync(theirs, "any", "admin", None));
            // Through the name users see in kubectl too.
            count += await RefusedAsync<NotFoundException>(() => buckets.ListAsync(TenantNames.Namespace(theirs), new BucketListQuery(), None));
            return count;
        });
        Assert.Equal(5, refused);
    }

    [Fact]
    public async Task Events_from_a_page_left_open_after_sign_out_are_refused()
    {
        var user = await portal.CreateUserAsync("signed-out");
        var tenant = await portal.CreateTenantAsync((user, TenantRole.Admin));
        using var browser = await portal.SignedInClientAsync(user);
        var stamp = await StampAsync(user);

        var refused = await portal.AsUserAsync(user, async services =>
        {
            var members = services.GetRequiredService<IMembershipService>();
            var buckets = services.GetRequiredService<IBucketService>();
            await members.ListAsync(tenant, None);

            // The same person signs out in another tab: the page's circuit must not keep acting.
            using (var signOut = await browser.SignOutAsync())
            {
                Assert.Equal(System.Net.HttpStatusCode.Redirect, signOut.StatusCode);
            }
            Assert.NotEqual(stamp, await StampAsync(user));
            await PastFreshnessAsync();

            var count = 0;
            var ended = await Assert.ThrowsAsync<ForbiddenException>(() => members.ListAsync(tenant, None));
            Assert.Contains("session has ended", ended.Message, StringComparison.Ordinal);
            count++;
            count += await RefusedAsync<ForbiddenException>(() => buckets.ListAsync(tenant, new BucketListQuery(), None));
            count += await RefusedAsync<ForbiddenException>(() => buckets.DeleteAsync(tenant, "any", None));
            count += await RefusedAsync<ForbiddenException>(() => services.GetRequiredService<ICredentialService>().RevealAsync(tenant, "any", "admin", None));
            Assert.Empty(await services.GetRequiredService<ITenantAccessService>().ListMineAsync(None));
            return count;
        }, securityStamp: stamp);
        Assert.Equal(4, refused);
    }

    [Fact]
    public async Task An_operator_page_left_open_after_sign_out_is_refused_operator_actions()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        using var browser = await portal.SignedInClientAsync(op);
        var stamp = await StampAsync(op);

        var refused = await portal.AsUserAsync(op, async services =>
        {
            var tenants = services.GetRequiredService<ITenantService>();
            await tenants.ListAsync(None);
            using (await browser.SignOutAsync())
            {
            }
            var count = 0;
            count += await RefusedAsync<ForbiddenException>(() => tenants.ListAsync(None));
            count += await RefusedAsync<ForbiddenException>(() => tenants.CreateAsync("after-sign-out", null, None));
            count += await RefusedAsync<ForbiddenException>(() => services.GetRequiredService<IUserAdminService>().DisableAsync(op.Id, None));
            count += await RefusedAsync<ForbiddenException>(() => services.GetRequiredService<IAuditQueryService>().QueryAllAsync(null, new AuditQuery(), None));
            return count;
        }, isOperator: true, securityStamp: stamp);
        Assert.Equal(4, refused);
    }

    private Task<string> StampAsync(TestUser user) =>
        portal.AsSystemAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<PortalUser>>();
            return await users.GetSecurityStampAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        });

    private static async Task<bool> Done(Task task)
    {
        await task;
        return true;
    }

    private static async Task<int> RefusedAsync<TException>(Func<Task> call)
        where TException : PortalException
    {
        await Assert.ThrowsAsync<TException>(call);
        return 1;
    }
}
