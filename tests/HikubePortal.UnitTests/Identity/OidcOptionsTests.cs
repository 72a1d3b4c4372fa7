using HikubePortal.Application.Identity.SingleSignOn;

namespace HikubePortal.UnitTests.Identity;

public sealed class OidcOptionsTests
{
    [Fact]
    public void Openid_is_always_asked_first_and_entries_may_hold_several_scopes()
    {
        var options = new OidcOptions();
        Assert.Equal(["openid", "profile", "email"], options.EffectiveScopes);

        options.Scopes.Add("email groups");
        options.Scopes.Add("openid");
        Assert.Equal(["openid", "email", "groups"], options.EffectiveScopes);
    }

    [Fact]
    public void Password_sign_in_is_for_operators_only_when_single_sign_on_is_on_and_local_accounts_are_off()
    {
        Assert.False(new OidcOptions { LocalAccounts = false }.OperatorsOnlyPasswordSignIn);
        Assert.False(new OidcOptions { Authority = "https://sso.example.com" }.OperatorsOnlyPasswordSignIn);
        Assert.True(new OidcOptions { Authority = "https://sso.example.com", LocalAccounts = false }.OperatorsOnlyPasswordSignIn);
    }
}
