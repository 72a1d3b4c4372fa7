using HikubePortal.Application.Tenants;

namespace HikubePortal.UnitTests.Tenants;

public sealed class TenantNamesTests
{
    [Theory]
    [InlineData("acme", true)]
    [InlineData("a", true)]
    [InlineData("team-2", true)]
    [InlineData("t-1234abcd", true)]
    [InlineData("Acme", false)]
    [InlineData("2acme", false)]
    [InlineData("acme-", false)]
    [InlineData("-acme", false)]
    [InlineData("ac_me", false)]
    [InlineData("ac.me", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Names_are_short_dns_labels(string? name, bool valid)
    {
        Assert.Equal(valid, TenantNames.IsValid(name));
    }

    [Fact]
    public void Names_are_at_most_40_characters()
    {
        Assert.True(TenantNames.IsValid(new string('a', 40)));
        Assert.False(TenantNames.IsValid(new string('a', 41)));
        Assert.True(TenantNames.Namespace(new string('a', 40)).Length <= 63);
    }

    [Theory]
    [InlineData(TenantRole.View, "tenant-acme-view", "cozy:tenant:view")]
    [InlineData(TenantRole.Use, "tenant-acme-use", "cozy:tenant:use")]
    [InlineData(TenantRole.Admin, "tenant-acme-admin", "cozy:tenant:admin")]
    public void Roles_map_to_the_cozystack_groups_and_role_bindings(TenantRole role, string group, string binding)
    {
        Assert.Equal("tenant-acme", TenantNames.Namespace("acme"));
        Assert.Equal(group, TenantNames.Group("acme", role));
        Assert.Equal(binding, TenantNames.RoleBinding(role));
    }

    [Theory]
    [InlineData("acme", null)]
    [InlineData("", "Enter a name.")]
    [InlineData("   ", "Enter a name.")]
    [InlineData("tenant-acme", "Leave out the tenant- prefix: the namespace is tenant-<name>.")]
    [InlineData("Acme", "Use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.")]
    [InlineData("acme-", "Use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "At most 40 characters.")]
    public void What_is_wrong_with_a_name_is_said_in_words(string name, string? problem)
    {
        Assert.Equal(problem, TenantNames.Problem(name));
    }
}
