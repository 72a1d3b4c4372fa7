using HikubePortal.Application.Tenants;

namespace HikubePortal.UnitTests.Tenants;

public sealed class TenantRolesTests
{
    [Fact]
    public void Each_role_includes_the_ones_below()
    {
        var access = new TenantAccess(Guid.NewGuid(), "acme", TenantRole.Use, IsMember: true);

        Assert.True(access.Allows(TenantRole.View));
        Assert.True(access.Allows(TenantRole.Use));
        Assert.False(access.Allows(TenantRole.Admin));
        Assert.Equal([TenantRole.View, TenantRole.Use, TenantRole.Admin], TenantRoles.All.Order());
    }

    [Theory]
    [InlineData("view", TenantRole.View)]
    [InlineData("USE", TenantRole.Use)]
    [InlineData("Admin", TenantRole.Admin)]
    public void Parses_the_slugs_in_any_case(string text, TenantRole role)
    {
        Assert.True(TenantRoles.TryParse(text, out var parsed));
        Assert.Equal(role, parsed);
        Assert.Equal(text.ToLowerInvariant(), parsed.Slug());
    }

    [Theory]
    [InlineData("super-admin")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1")]
    public void Refuses_anything_else(string? text)
    {
        Assert.False(TenantRoles.TryParse(text, out _));
    }
}
