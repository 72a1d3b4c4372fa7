using System.Net;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.SingleSignOn;

/// <summary>With <c>Oidc:LocalAccounts=false</c>, passwords serve operators only, at the break-glass address.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class BreakGlassTests : IAsyncLifetime
{
    private readonly SsoPortal _portal = SsoPortal.With(new Dictionary<string, string?> { ["Oidc:LocalAccounts"] = "false" });

    public Task InitializeAsync() => ((IAsyncLifetime)_portal).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [Fact]
    public async Task The_sign_in_page_has_no_password_form_and_only_operators_sign_in_at_the_break_glass_address()
    {
        var operatorUser = await _portal.CreateUserAsync("ops", isOperator: true);
        var member = await _portal.CreateUserAsync("member");
        using var anonymous = _portal.CreateAnonymousClient();

        var (_, login) = await anonymous.GetPageAsync("/account/login");
        Assert.Null(login.QuerySelector("input[type=password]"));
        Assert.NotNull(login.QuerySelector("form[action='/account/sso']"));

        using var refused = await anonymous.PostFormAsync("/account/break-glass", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = member.Email,
            ["Input.Password"] = member.Password,
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Email or password is incorrect.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admitted = await anonymous.PostFormAsync("/account/break-glass", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = operatorUser.Email,
            ["Input.Password"] = operatorUser.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, admitted.StatusCode);
        Assert.Equal("/", admitted.RedirectPath());
        Assert.Contains(await _portal.AuditAboutAsync(member.Email), e =>
            e.Detail == "password refused: local accounts are off and this is not an operator account");
    }
}
