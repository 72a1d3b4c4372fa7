using AngleSharp.Dom;
using System.Net;
using System.Net.Sockets;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.SingleSignOn;

/// <summary>Every way single sign-on goes wrong ends on a page in plain words, with nothing created half-way.</summary>
public sealed class SingleSignOnFailureTests(SsoPortal portal) : IClassFixture<SsoPortal>
{
    [Fact]
    public async Task A_replayed_callback_is_refused()
    {
        var tenant = await portal.CreateTenantAsync();
        var user = portal.Provider.CreateUser([$"/tenant-{tenant}-use"]);
        var browser = SsoBrowser.For(portal);
        (await browser.SignInAsync(user)).Dispose();
        var callback = browser.Callback!;

        using var replay = await browser.GetAsync(callback);
        using var elsewhere = await SsoBrowser.For(portal).GetAsync(callback);

        await AssertFailedAsync(replay, "expired", "was already used, has expired");
        await AssertFailedAsync(elsewhere, "expired", "was already used, has expired");
    }

    [Fact]
    public async Task A_tampered_state_is_refused_and_nothing_is_created()
    {
        var tenant = await portal.CreateTenantAsync();
        var user = portal.Provider.CreateUser([$"/tenant-{tenant}-use"]);

        using var answer = await SsoBrowser.For(portal).SignInAsync(user, onCallback: url =>
            new Uri(url.ToString().Replace("state=", "state=x", StringComparison.Ordinal)));

        await AssertFailedAsync(answer, "expired", "was already used, has expired");
        Assert.Equal((0, 0), await portal.AccountsWithAsync(user.Email));
    }

    [Fact]
    public async Task A_nonce_that_matches_no_sign_in_of_this_browser_is_refused_and_nothing_is_created()
    {
        var tenant = await portal.CreateTenantAsync();
        var user = portal.Provider.CreateUser([$"/tenant-{tenant}-use"]);
        var browser = SsoBrowser.For(portal);

        using var answer = await browser.SignInAsync(user, onCallback: url =>
        {
            browser.DropCookies(".AspNetCore.OpenIdConnect.Nonce.");
            return url;
        });

        await AssertFailedAsync(answer, "mismatch", "does not match the sign-in started in this browser");
        Assert.Equal((0, 0), await portal.AccountsWithAsync(user.Email));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_told_to_operators_and_nothing_is_created()
    {
        var wrong = await StartAsync(SsoPortal.With(new Dictionary<string, string?> { ["Oidc:ClientSecret"] = "not-the-secret" }));
        var tenant = await wrong.CreateTenantAsync();
        var user = wrong.Provider.CreateUser([$"/tenant-{tenant}-use"]);

        // The provider offers pushed authorization requests, which the handler uses: the client is authenticated
        // (and refused) when the sign-in starts. Without them it would be at the code redemption, same answer.
        using var answer = await SsoBrowser.For(wrong).StartAsync();

        await AssertFailedAsync(answer, "client", "did not accept the portal&#x27;s client credentials");
        Assert.Equal((0, 0), await wrong.AccountsWithAsync(user.Email));
        await ((IAsyncLifetime)wrong).DisposeAsync();
    }

    [Fact]
    public async Task An_unreachable_provider_is_shown_as_unavailable_and_password_sign_in_still_works()
    {
        var down = await StartAsync(SsoPortal.With(new Dictionary<string, string?> { ["Oidc:Authority"] = $"http://127.0.0.1:{ClosedPort()}" }));
        var local = await down.CreateUserAsync("local");
        using var anonymous = down.CreateAnonymousClient();

        var (login, page) = await anonymous.GetPageAsync("/account/login");
        var start = await anonymous.PostAsync("/account/sso", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [PortalHttp.AntiforgeryField] = ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector($"input[name={PortalHttp.AntiforgeryField}]")!).Value,
            ["returnUrl"] = "/",
        }));
        using var signedIn = await down.SignedInClientAsync(local);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Sign in with Local SSO is unavailable", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/account/sso/failed?reason=unreachable", start.RedirectPath());
        var (failed, failedPage) = await PortalHttp.GetPageAsync(anonymous, start.RedirectPath()!);
        Assert.Contains("Local SSO does not answer right now", failedPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        failed.Dispose();
        start.Dispose();
        await ((IAsyncLifetime)down).DisposeAsync();
    }

    private static async Task<SsoPortal> StartAsync(SsoPortal variant)
    {
        await ((IAsyncLifetime)variant).InitializeAsync();
        return variant;
    }

    private static async Task AssertFailedAsync(HttpResponseMessage answer, string reason, string words)
    {
        Assert.Equal($"/account/sso/failed?reason={reason}", answer.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains(words, html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
