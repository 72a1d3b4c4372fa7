using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.SingleSignOn;

/// <summary>An id_token from another issuer, or for another audience, opens no session and creates nothing.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ForeignTokenTests : IAsyncLifetime
{
    private MisbehavingProvider _provider = null!;
    private SsoPortal _portal = null!;

    public async Task InitializeAsync()
    {
        _provider = await MisbehavingProvider.StartAsync();
        _portal = SsoPortal.With(_provider.PortalSettings);
        await ((IAsyncLifetime)_portal).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_portal).DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_correct_token_signs_in_so_the_provider_is_otherwise_acceptable()
    {
        var tenant = await _portal.CreateTenantAsync();
        _provider.Groups = [$"/tenant-{tenant}-use"];

        using var answer = await SsoBrowser.For(_portal).StartAsync($"/t/{tenant}");

        Assert.Equal($"/t/{tenant}", answer.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal((1, 1), await _portal.AccountsWithAsync(_provider.Email));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/realms/other", null)]
    [InlineData(null, "another-client")]
    public async Task A_token_from_another_issuer_or_for_another_audience_is_refused(string? issuer, string? audience)
    {
        var tenant = await _portal.CreateTenantAsync();
        _provider.Groups = [$"/tenant-{tenant}-admin"];
        _provider.TokenIssuer = issuer;
        _provider.TokenAudience = audience;
        var browser = SsoBrowser.For(_portal);

        using var answer = await browser.StartAsync($"/t/{tenant}");

        Assert.Equal("/account/sso/failed?reason=token", answer.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("was not issued for this portal", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((0, 0), await _portal.AccountsWithAsync(_provider.Email));
        using var tenantPage = await browser.Client.GetAsync($"/t/{tenant}");
        Assert.StartsWith("/account/login", tenantPage.RedirectPath(), StringComparison.Ordinal);
    }
}
