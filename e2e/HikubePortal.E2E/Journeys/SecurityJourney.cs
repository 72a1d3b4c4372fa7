using System.Text.RegularExpressions;
using HikubePortal.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>What a browser sees of the portal's defences: no leak of other tenants, cookies and headers.</summary>
public sealed class SecurityJourney(BrowserFixture browser) : PageTest(browser)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsOperatorAsync();
    }

    [Fact]
    public async Task A_guessed_tenant_and_bucket_answer_not_found_without_echoing_the_name() => await StepAsync("guess", async () =>
    {
        var guess = "guess-" + Guid.NewGuid().ToString("N")[..8];

        foreach (var path in new[] { $"t/{guess}", $"t/{guess}/buckets", $"t/{guess}/buckets/backups", $"t/{guess}/members" })
        {
            var response = await Page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
            Assert.DoesNotContain(guess, await Page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        }
        await AssertAccessibleAsync("not found");
        await ScreenshotsAsync("not-found");
    });

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site() => await StepAsync("cookie", async () =>
    {
        var cookies = await Context.CookiesAsync();

        var session = Assert.Single(cookies, c => c.Name == "hikube.session");
        Assert.True(session.HttpOnly);
        Assert.NotEqual(SameSiteAttribute.None, session.SameSite);
        // document.cookie cannot read it.
        var visible = await Page.EvaluateAsync<string>("() => document.cookie");
        Assert.DoesNotContain(session.Name, visible, StringComparison.Ordinal);
    });

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_inline_scripts() => await StepAsync("headers", async () =>
    {
        var response = await Page.GotoAsync("");
        var headers = await response!.AllHeadersAsync();

        var csp = headers["content-security-policy"];
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scripts, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.True(headers.ContainsKey("referrer-policy"));
    });

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_rejected() => await StepAsync("antiforgery", async () =>
    {
        // The browser's own session (cookies), but a hand-made form without the hidden token.
        var response = await Page.APIRequest.PostAsync("account/logout", new() { Form = Context.APIRequest.CreateFormData().Set("returnUrl", "/") });

        Assert.Equal(400, response.Status);
        // Still signed in: the forged post did nothing.
        await Page.GotoAsync("");
        await Expect(Page).Not.ToHaveURLAsync(new Regex("account/login"));
    });
}
