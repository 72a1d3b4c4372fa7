using System.Security.Claims;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>Test data through the application's own services, and signed-in clients.</summary>
public partial class PortalFactory
{
    public const string Password = "Test-password-123";

    private readonly List<string> _namespaces = [];

    /// <summary>A new account (optionally an operator) with <see cref="Password"/>.</summary>
    public Task<TestUser> CreateUserAsync(string prefix = "user", bool isOperator = false)
    {
        var email = $"{LocalPlatform.UniqueName(prefix)}@example.com";
        return AsSystemAsync(async services =>
        {
            var id = await services.GetRequiredService<IUserAdminService>().EnsureUserAsync(email, Password, isOperator, CancellationToken.None);
            return new TestUser(id, email, Password);
        });
    }

    /// <summary>A new tenant (namespace and role bindings on the cluster) with these members; deleted at the end.</summary>
    public async Task<string> CreateTenantAsync(params (TestUser User, TenantRole Role)[] members)
    {
        var name = LocalPlatform.UniqueName("t");
        lock (_namespaces)
        {
            _namespaces.Add(TenantNames.Namespace(name));
        }
        await AsSystemAsync(async services =>
        {
            await services.GetRequiredService<ITenantService>().EnsureAsync(name, CancellationToken.None);
            var memberships = services.GetRequiredService<IMembershipService>();
            foreach (var (user, role) in members)
            {
                await memberships.AddExistingAsync(name, user.Email, role, CancellationToken.None);
            }
            return name;
        });
        return name;
    }

    /// <summary>A client that does not follow redirects, signed in as <paramref name="user"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(TestUser user, string? baseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = CreateAnonymousClient(baseAddress);
        using var response = await client.SignInAsync(user.Email, user.Password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in of {user.Email} answered {(int)response.StatusCode}");
        }
        return client;
    }

    /// <summary>A client that does not follow redirects and keeps cookies.</summary>
    public HttpClient CreateAnonymousClient(string? baseAddress = null)
    {
        if (ServerAddress is { } server && baseAddress is null)
        {
            // Kestrel: a plain client, like a browser that shows redirects instead of following them.
            var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() };
            return new HttpClient(handler) { BaseAddress = new Uri(server), Timeout = TimeSpan.FromSeconds(30) };
        }
        return CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri(baseAddress ?? "http://localhost"),
        });
    }

    /// <summary>The loopback address Kestrel listens on (null for the in-memory test server).</summary>
    public string? ServerAddress =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    /// <summary>
    /// Runs <paramref name="action"/> in a scope where <paramref name="user"/> is the signed-in user, like a request or
    /// an interactive circuit (one scope for the whole action), with the session's <paramref name="securityStamp"/> if given.
    /// </summary>
    public async Task<T> AsUserAsync<T>(TestUser user, Func<IServiceProvider, Task<T>> action, bool isOperator = false, string? securityStamp = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.Email),
            new(ClaimTypes.Email, user.Email),
        };
        if (isOperator)
        {
            claims.Add(new Claim(ClaimTypes.Role, PortalRoles.Operator));
        }
        if (securityStamp is not null)
        {
            var stampType = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            claims.Add(new Claim(stampType, securityStamp));
        }
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")),
            RequestServices = scope.ServiceProvider,
        };
        try
        {
            return await action(scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private async Task DeleteTenantNamespacesAsync()
    {
        string[] namespaces;
        lock (_namespaces)
        {
            namespaces = [.. _namespaces];
        }
        await Cluster.DeleteNamespacesAsync(namespaces);
    }
}
