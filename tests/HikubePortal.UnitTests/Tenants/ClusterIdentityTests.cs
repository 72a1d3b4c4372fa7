using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using Microsoft.Extensions.Options;

namespace HikubePortal.UnitTests.Tenants;

public sealed class ClusterIdentityTests
{
    private sealed record User(string? Email) : ICurrentUser
    {
        public Guid? Id => Email is null ? null : Guid.NewGuid();
        public bool IsOperator => false;
        public string? RemoteAddress => null;
    }

    private static readonly TenantAccess Access = new(Guid.NewGuid(), "acme", TenantRole.Use, IsMember: true);

    [Fact]
    public void Calls_for_a_user_impersonate_them_and_the_group_of_their_role()
    {
        var identity = new ClusterIdentity(new User("ana@example.com"), Options.Create(new TenancyOptions()));

        var impersonation = identity.ImpersonationFor(Access);

        Assert.NotNull(impersonation);
        Assert.Equal("ana@example.com", impersonation.User);
        Assert.Equal("tenant-acme-use", impersonation.Group);
    }

    [Fact]
    public void The_setting_switches_to_the_service_account_alone()
    {
        var identity = new ClusterIdentity(new User("ana@example.com"), Options.Create(new TenancyOptions { ImpersonateUsers = false }));

        Assert.Null(identity.ImpersonationFor(Access));
    }

    [Fact]
    public void Nobody_signed_in_means_no_cluster_call()
    {
        var identity = new ClusterIdentity(new User(null), Options.Create(new TenancyOptions()));

        Assert.Throws<ForbiddenException>(() => identity.ImpersonationFor(Access));
    }
}
