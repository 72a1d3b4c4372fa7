using HikubePortal.Application.Identity;

namespace HikubePortal.UnitTests.Identity;

public sealed class AuthenticatorKeysTests
{
    [Fact]
    public void Keys_are_shown_in_groups_of_four()
    {
        Assert.Equal("abcd efgh ijkl mnop qr", AuthenticatorKeys.Format("ABCDEFGHIJKLMNOPQR"));
    }

    [Fact]
    public void The_uri_names_the_issuer_and_the_account_for_authenticator_apps()
    {
        var uri = new Uri(AuthenticatorKeys.Uri("Hikube Portal", "ana+ops@example.com", "ABCDEF"));

        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        Assert.Equal("/Hikube%20Portal:ana%2Bops%40example.com", uri.AbsolutePath);
        Assert.Equal("?secret=ABCDEF&issuer=Hikube%20Portal&digits=6", uri.Query);
    }
}
