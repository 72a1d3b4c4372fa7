using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Identity.SingleSignOn;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Account;
using HikubePortal.Web.SingleSignOn;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace HikubePortal.ComponentTests.Account;

/// <summary>The sign-in page with single sign-on configured: the button, its unavailable state, the password form or not.</summary>
public sealed class SingleSignOnLoginTests
{
    [Fact]
    public async Task Offers_the_provider_first_then_the_password_form()
    {
        var page = await RenderAsync(providerAnswers: true, localAccounts: true);

        var form = SsoForm(page);
        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Equal(TestAntiforgeryStateProvider.Token, (form.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)?.Value);
        Assert.Equal("/", (form.QuerySelector("input[name=returnUrl]") as IHtmlInputElement)?.Value);
        Assert.Equal("Sign in with Local SSO", form.QuerySelector("button[type=submit]")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("input[name='Input.Email']"));
    }

    [Fact]
    public async Task Says_the_provider_is_unavailable_and_keeps_the_password_form()
    {
        var page = await RenderAsync(providerAnswers: false, localAccounts: true);

        Assert.Null(page.QuerySelector("form[action='/account/sso']"));
        var button = Assert.Single(page.QuerySelectorAll("button[disabled]"));
        Assert.Equal("Sign in with Local SSO is unavailable", button.TextContent.Trim());
        Assert.Contains("does not answer right now", page.GetElementById(button.GetAttribute("aria-describedby")!)?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input[name='Input.Email']"));
    }

    [Fact]
    public async Task Without_local_accounts_there_is_no_password_form()
    {
        var page = await RenderAsync(providerAnswers: true, localAccounts: false);

        Assert.NotNull(SsoForm(page));
        Assert.Null(page.QuerySelector("input[type=password]"));
        Assert.Single(page.QuerySelectorAll("form"));
    }

    private static IHtmlFormElement SsoForm(IDocument page) =>
        Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("form[action='/account/sso']"));

    private static async Task<IDocument> RenderAsync(bool providerAnswers, bool localAccounts)
    {
        await using var harness = new ComponentHarness(services =>
        {
            services.AddSingleton<IAccountService>(new FakeAccountService());
            services.Configure<OidcOptions>(o =>
            {
                o.Authority = "http://sso.test";
                o.DisplayName = "Local SSO";
                o.LocalAccounts = localAccounts;
            });
            SingleSignOnHarness.AddProviderStatus(services, providerAnswers);
        });
        return await harness.RenderAsync<Login>(new Dictionary<string, object?>());
    }
}

/// <summary>The provider check of the sign-in page, with a provider that answers or not (no network).</summary>
internal static class SingleSignOnHarness
{
    /// <summary>Registers <see cref="ProviderStatus"/>; with <paramref name="providerAnswers"/> set, single sign-on is configured.</summary>
    public static void AddProviderStatus(IServiceCollection services, bool? providerAnswers = null)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProviderStatus>();
        if (providerAnswers is not { } answers)
        {
            return;
        }
        services.Configure<OpenIdConnectOptions>(SingleSignOnRegistration.Scheme, o =>
        {
            o.MetadataAddress = "http://sso.test/.well-known/openid-configuration";
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration());
            o.Backchannel = new HttpClient(new Answer(answers ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable));
        });
    }

    private sealed class Answer(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status));
    }
}
