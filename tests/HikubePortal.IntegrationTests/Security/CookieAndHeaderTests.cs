using System.Net;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.Security;

/// <summary>Session cookie flags and the security headers of every kind of response.</summary>
public sealed class CookieAndHeaderTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_and_not_secure_on_plain_http()
    {
        var user = await portal.CreateUserAsync();
        using var client = portal.CreateAnonymousClient();

        using var response = await client.SignInAsync(user.Email, user.Password);

        var session = SetCookie(response, "hikube.session");
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure;", session + ";", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_session_and_antiforgery_cookies_are_secure_over_https()
    {
        await using var https = PortalFactory.InMemory();
        await ((IAsyncLifetime)https).InitializeAsync();
        try
        {
            var user = await https.CreateUserAsync();
            using var client = https.CreateAnonymousClient("https://localhost");
            using var login = await client.GetAsync("/account/login");
            using var response = await client.SignInAsync(user.Email, user.Password);

            var antiforgery = SetCookie(login, "hikube.antiforgery");
            var session = SetCookie(response, "hikube.session");
            Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await ((IAsyncLifetime)https).DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    [InlineData("/t/nobody/members")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var client = portal.CreateAnonymousClient();

        using var response = await client.GetAsync(url);

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Signed_in_pages_carry_the_headers_and_no_inline_script()
    {
        var user = await portal.CreateUserAsync();
        var tenant = await portal.CreateTenantAsync((user, TenantRole.Admin));
        using var client = await portal.SignedInClientAsync(user);

        foreach (var url in new[] { $"/t/{tenant}", $"/t/{tenant}/members", $"/t/{tenant}/audit", "/account/manage/2fa/setup" })
        {
            var (response, page) = await client.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertSecurityHeaders(response);
            Assert.All(page.QuerySelectorAll("script"), script => Assert.False(string.IsNullOrEmpty(script.GetAttribute("src")), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("[onclick],[onload],[onsubmit],[onerror]"));
        }
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("worker-src 'self'", directives["worker-src"]); // the download worker, and nothing from elsewhere
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) ?? throw new InvalidOperationException($"no {name} cookie")
            : throw new InvalidOperationException("no cookies");
}
