using System.Net;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Security;

/// <summary>Lockout after repeated failures, disabled accounts, and what a failed sign-in tells (nothing).</summary>
public sealed class SignInProtectionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var user = await portal.CreateUserAsync();
        using var client = portal.CreateAnonymousClient();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await client.SignInAsync(user.Email, "Wrong-password-123");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var fifth = await client.SignInAsync(user.Email, "Wrong-password-123");
        Assert.Equal("/account/lockout", fifth.RedirectPath());

        using var right = await client.SignInAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/account/lockout", right.RedirectPath());
        var log = await portal.AsSystemAsync(s => s.GetRequiredService<IAuditQueryService>()
            .QueryAllAsync(null, new AuditQuery(User: user.Email), CancellationToken.None));
        Assert.Contains(log.Items, e => e.Action == AuditActions.SignInLockedOut && e.Outcome == AuditOutcome.Denied);
        Assert.True(log.Items.Count(e => e.Action == AuditActions.SignIn && e.Outcome == AuditOutcome.Failure) >= 4);
    }

    [Fact]
    public async Task Unknown_emails_and_wrong_passwords_get_the_same_answer()
    {
        var user = await portal.CreateUserAsync();
        using var client = portal.CreateAnonymousClient();

        using var wrong = await client.SignInAsync(user.Email, "Wrong-password-123");
        using var unknown = await client.SignInAsync("nobody-" + user.Email, "Wrong-password-123");
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        var unknownPage = await unknown.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Email or password is incorrect.", wrongPage, StringComparison.Ordinal);
        Assert.Contains("Email or password is incorrect.", unknownPage, StringComparison.Ordinal);
        Assert.Equal(Alert(wrongPage), Alert(unknownPage));
    }

    private static string? Alert(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("[role=alert]")?.TextContent.Trim();

    [Fact]
    public async Task A_disabled_user_loses_access_at_once_and_cannot_sign_in_again()
    {
        var user = await portal.CreateUserAsync();
        var tenant = await portal.CreateTenantAsync((user, TenantRole.Admin));
        using var session = await portal.SignedInClientAsync(user);

        await portal.AsSystemAsync(async s => { await s.GetRequiredService<IUserAdminService>().DisableAsync(user.Id, CancellationToken.None); return 0; });
        using var afterDisable = await session.GetAsync($"/t/{tenant}");
        using var fresh = portal.CreateAnonymousClient();
        using var signIn = await fresh.SignInAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.NotFound, afterDisable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Email or password is incorrect.", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>A portal that allows 3 sign-in posts per 5 minutes and client address.</summary>
public sealed class RateLimitedPortal : PortalFactory
{
    public RateLimitedPortal()
    {
        Settings["Security:SignInPermitLimit"] = "3";
        Settings["Security:SignInWindow"] = "00:05:00";
    }
}

/// <summary>The sign-in rate limit (the framework's fixed-window limiter per client address).</summary>
public sealed class SignInRateLimitTests(RateLimitedPortal portal) : IClassFixture<RateLimitedPortal>
{
    private readonly RateLimitedPortal _portal = portal;

    [Fact]
    public async Task The_fourth_sign_in_post_within_the_window_gets_429_and_reading_the_page_still_works()
    {
        var user = await _portal.CreateUserAsync();
        using var client = _portal.CreateAnonymousClient();
        var (_, page) = await client.GetPageAsync("/account/login");
        var form = page.Form("login");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SubmitAsync(form, "/account/login", new Dictionary<string, string>
            {
                ["Input.Email"] = user.Email,
                ["Input.Password"] = "Wrong-password-123",
            });
            answers.Add(response.StatusCode);
            if (i == 3)
            {
                Assert.True(response.Headers.RetryAfter is not null, "Retry-After is missing");
            }
        }
        using var read = await client.GetAsync("/account/login");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}

/// <summary>A portal that allows many sign-in posts per address but 2 per account per 5 minutes.</summary>
public sealed class AccountRateLimitedPortal : PortalFactory
{
    public AccountRateLimitedPortal()
    {
        Settings["Security:SignInPermitLimit"] = "100";
        Settings["Security:SignInAccountPermitLimit"] = "2";
        Settings["Security:SignInWindow"] = "00:05:00";
    }
}

/// <summary>The per-account sign-in limit: a guesser spread over many addresses meets it too.</summary>
public sealed class SignInAccountRateLimitTests(AccountRateLimitedPortal portal) : IClassFixture<AccountRateLimitedPortal>
{
    [Fact]
    public async Task The_third_post_for_one_account_gets_429_while_another_account_signs_in()
    {
        var target = await portal.CreateUserAsync("target");
        var other = await portal.CreateUserAsync("other");
        using var client = portal.CreateAnonymousClient();
        var answers = new List<HttpStatusCode>();
        // The same account, typed as people type it: the count is the account's, not the spelling's.
        foreach (var email in new[] { target.Email, target.Email.ToUpperInvariant(), " " + target.Email })
        {
            using var response = await client.SignInAsync(email, "Wrong-password-123");
            answers.Add(response.StatusCode);
        }

        using var otherSignIn = await client.SignInAsync(other.Email, other.Password);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.Redirect, otherSignIn.StatusCode);
    }
}
