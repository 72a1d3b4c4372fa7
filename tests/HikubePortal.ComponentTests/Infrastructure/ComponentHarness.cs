using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HikubePortal.ComponentTests.Infrastructure;

/// <summary>
/// Renders components with the framework's <see cref="HtmlRenderer"/> (what static SSR uses) and parses the
/// HTML with AngleSharp. Tests register fakes of the application services in <c>configure</c>.
/// </summary>
internal sealed class ComponentHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    public ComponentHarness(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment, TestWebHostEnvironment>();
        services.AddRazorComponents();
        services.AddSingleton<NavigationManager, TestNavigationManager>();
        services.AddSingleton<AntiforgeryStateProvider, TestAntiforgeryStateProvider>();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    /// <summary>The navigation manager, to see where a component redirected.</summary>
    public TestNavigationManager Navigation => (TestNavigationManager)_services.GetRequiredService<NavigationManager>();

    /// <summary>Renders <typeparamref name="TComponent"/> and parses the result.</summary>
    public async Task<IDocument> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var html = await _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync<TComponent>(
                parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html));
    }

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}

/// <summary>A navigation manager at <c>http://portal.test/</c> that records navigations.</summary>
internal sealed class TestNavigationManager : NavigationManager
{
    public TestNavigationManager() => Initialize("http://portal.test/", "http://portal.test/");

    public List<string> Navigations { get; } = [];

    protected override void NavigateToCore(string uri, NavigationOptions options) => Navigations.Add(uri);
}

/// <summary>A fixed antiforgery token, as the endpoint would supply.</summary>
internal sealed class TestAntiforgeryStateProvider : AntiforgeryStateProvider
{
    public const string Token = "test-antiforgery-token";

    public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
}

/// <summary>The environment the Razor component services ask for.</summary>
internal sealed class TestWebHostEnvironment : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
{
    public string WebRootPath { get; set; } = AppContext.BaseDirectory;
    public Microsoft.Extensions.FileProviders.IFileProvider WebRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    public string ApplicationName { get; set; } = "HikubePortal.Web";
    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
    public string EnvironmentName { get; set; } = "Testing";
}
