using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HikubePortal.Application.Identity;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Account;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Account;

public sealed class LoginPageTests : IAsyncLifetime
{
    private readonly FakeAccountService _account = new();
    private IDocument _page = null!;

    public async Task InitializeAsync()
    {
        await using var harness = new ComponentHarness(services =>
        {
            services.AddSingleton<IAccountService>(_account);
            SingleSignOnHarness.AddProviderStatus(services);
        });
        _page = await harness.RenderAsync<Login>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Has_a_heading_and_a_title()
    {
        Assert.Equal("Sign in", _page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("Email", "email", "username")]
    [InlineData("Password", "password", "current-password")]
    public void Labels_name_their_inputs(string label, string type, string autocomplete)
    {
        var labelElement = _page.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label);
        var input = _page.GetElementById(labelElement.GetAttribute("for")!) as IHtmlInputElement;

        Assert.NotNull(input);
        Assert.Equal(type, input.Type);
        Assert.Equal(autocomplete, input.GetAttribute("autocomplete"));
        Assert.StartsWith("Input.", input.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Posts_the_named_form_with_an_antiforgery_token()
    {
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(_page.QuerySelector("form"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement;
        var handler = form.QuerySelector("input[name=_handler]") as IHtmlInputElement;

        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Equal(TestAntiforgeryStateProvider.Token, token?.Value);
        Assert.Equal("login", handler?.Value);
    }

    [Fact]
    public void Has_one_submit_button_named_sign_in()
    {
        var button = Assert.Single(_page.QuerySelectorAll("button[type=submit]"));
        Assert.Equal("Sign in", button.TextContent.Trim());
    }

    [Fact]
    public void Shows_no_error_before_a_sign_in_attempt()
    {
        Assert.Empty(_page.QuerySelectorAll("[role=alert]"));
        Assert.Empty(_account.SignIns);
    }
}
