using System.Security.Claims;
using HikubePortal.Application.Tenants;
using HikubePortal.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace HikubePortal.UnitTests.Authorization;

/// <summary>
/// The tenant role check of pages. In a circuit, a page the user was already allowed to see is decided at once
/// (no read: the router would otherwise tear the page down while it waits); anything else reads the membership.
/// </summary>
public sealed class TenantRoleHandlerTests
{
    private sealed class Memberships : ITenantAccessService
    {
        public TenantAccess? Known { get; set; }

        public TenantAccess? Stored { get; set; }

        public int Reads { get; private set; }

        public TenantAccess? LastKnown(string tenant) => Known;

        public async Task<TenantAccess?> FindAsync(string tenant, CancellationToken cancellationToken)
        {
            Reads++;
            await Task.Yield(); // a database read
            return Stored;
        }

        public Task<TenantAccess> RequireAsync(string tenant, TenantRole minimum, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TenantAccess>> ListMineAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static TenantAccess Access(TenantRole role) => new(Guid.NewGuid(), "acme", role, IsMember: true);

    private static AuthorizationHandlerContext Context(TenantRole role) => new(
        [new TenantRoleRequirement(role)],
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ana@example.com")], "test")),
        new RouteData(typeof(HikubePortal.Web.Components.Pages.Buckets.BucketPage), new Dictionary<string, object?> { ["tenant"] = "acme" }));

    [Fact]
    public async Task A_tenant_already_allowed_in_the_circuit_is_decided_at_once_without_a_read()
    {
        var memberships = new Memberships { Known = Access(TenantRole.Use) };
        var context = Context(TenantRole.View);

        var check = new TenantRoleHandler(memberships).HandleAsync(context);

        Assert.True(check.IsCompletedSuccessfully); // no "authorizing" render in between
        await check;
        Assert.True(context.HasSucceeded);
        Assert.Equal(0, memberships.Reads);
    }

    [Fact]
    public async Task A_role_remembered_too_low_is_read_again_and_the_read_decides()
    {
        var memberships = new Memberships { Known = Access(TenantRole.View), Stored = Access(TenantRole.Admin) };
        var context = Context(TenantRole.Admin);

        await new TenantRoleHandler(memberships).HandleAsync(context);

        Assert.Equal(1, memberships.Reads);
        Assert.True(context.HasSucceeded);
    }

    [Fact]
    public async Task Without_a_remembered_access_the_membership_is_read_and_a_non_member_refused()
    {
        var memberships = new Memberships();
        var context = Context(TenantRole.View);

        await new TenantRoleHandler(memberships).HandleAsync(context);

        Assert.Equal(1, memberships.Reads);
        Assert.True(context.HasFailed);
        Assert.Contains(context.FailureReasons, r => r.Message == TenantRoleHandler.NotMember);
    }
}
