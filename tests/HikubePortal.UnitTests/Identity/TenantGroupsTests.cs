using HikubePortal.Application.Identity.SingleSignOn;
using HikubePortal.Application.Tenants;

namespace HikubePortal.UnitTests.Identity;

public sealed class TenantGroupsTests
{
    [Theory]
    [InlineData("tenant-acme-view", "acme", TenantRole.View)]
    [InlineData("tenant-acme-use", "acme", TenantRole.Use)]
    [InlineData("tenant-acme-admin", "acme", TenantRole.Admin)]
    [InlineData("/tenant-acme-use", "acme", TenantRole.Use)]
    [InlineData("/tenant-root-child-admin", "root-child", TenantRole.Admin)]
    public void Reads_plain_and_full_path_groups(string group, string tenant, TenantRole role)
    {
        Assert.Equal([new TenantGroup(tenant, role)], TenantGroups.Parse(group));
    }

    [Fact]
    public void Super_admin_counts_as_admin_and_a_tenant_ending_in_super_reads_both_ways()
    {
        Assert.Equal(
            [new TenantGroup("acme", TenantRole.Admin), new TenantGroup("acme-super", TenantRole.Admin)],
            TenantGroups.Parse("/tenant-acme-super-admin"));
    }

    [Theory]
    [InlineData("hikube-operators")]
    [InlineData("/tenant-acme-owner")]
    [InlineData("/cozy/tenant-acme-admin")]
    [InlineData("tenant--admin")]
    [InlineData("tenant-Acme-admin")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData(null)]
    public void Ignores_groups_that_name_no_tenant_role(string? group)
    {
        Assert.Empty(TenantGroups.Parse(group));
    }

    [Fact]
    public void The_highest_role_per_tenant_wins_across_several_tenants()
    {
        var roles = TenantGroups.HighestRoles(["/tenant-a-view", "/tenant-a-admin", "tenant-a-use", "/tenant-b-use", "/tenant-b-view", "other"]);

        Assert.Equal(2, roles.Count);
        Assert.Equal(TenantRole.Admin, roles["a"]);
        Assert.Equal(TenantRole.Use, roles["b"]);
    }

    [Fact]
    public void Operator_groups_match_with_or_without_the_leading_slash()
    {
        Assert.True(TenantGroups.ContainsAny(["/hikube-operators"], ["hikube-operators"]));
        Assert.True(TenantGroups.ContainsAny(["hikube-operators"], ["/hikube-operators"]));
        Assert.False(TenantGroups.ContainsAny(["/hikube-operators-old"], ["hikube-operators"]));
        Assert.False(TenantGroups.ContainsAny(["/hikube-operators"], []));
    }
}
