using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.SingleSignOn;

/// <summary>
/// A browser without JavaScript going through single sign-on: the portal's button, the provider's login form, the
/// redirects in between (each step kept, so a test can replay or tamper with one).
/// </summary>
public sealed class SsoBrowser(HttpClient client, CookieContainer cookies)
{
    public HttpClient Client { get; } = client;

    public CookieContainer Cookies { get; } = cookies;

    /// <summary>Every URL visited by the last flow, in order.</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>The portal's callback (<c>/signin-oidc?code=...&amp;state=...</c>) of the last flow, once reached.</summary>
    public Uri? Callback => Visited.LastOrDefault(u => u.AbsolutePath == "/signin-oidc");

    public static SsoBrowser For(PortalFactory portal)
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies };
        return new SsoBrowser(new HttpClient(handler) { BaseAddress = new Uri(portal.ServerAddress!), Timeout = TimeSpan.FromSeconds(30) }, cookies);
    }

    /// <summary>Clicks "Sign in with ..." and follows the redirects until a page answers (the provider's login form, or the portal).</summary>
    public async Task<HttpResponseMessage> StartAsync(string returnUrl = "/")
    {
        Visited.Clear();
        var (_, page) = await Client.GetPageAsync("/account/login");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == "/account/sso");
        var response = await Client.SubmitAsync(form, "/account/sso", new Dictionary<string, string> { ["returnUrl"] = returnUrl });
        return await FollowAsync(response);
    }

    /// <summary>
    /// Signs in as <paramref name="user"/>: the portal's button, the provider's form, back to the portal.
    /// <paramref name="onCallback"/> sees the portal's callback URL before it is requested and returns the one to request.
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(ProviderUser user, string returnUrl = "/", Func<Uri, Uri>? onCallback = null)
    {
        var login = await StartAsync(returnUrl);
        return await SubmitLoginAsync(login, user.Name, user.Provider.Password, onCallback);
    }

    /// <summary>Submits the provider's login form and follows the redirects back to the portal.</summary>
    public async Task<HttpResponseMessage> SubmitLoginAsync(HttpResponseMessage loginPage, string username, string password, Func<Uri, Uri>? onCallback = null)
    {
        var url = loginPage.RequestMessage!.RequestUri!;
        var (_, page) = await Client.GetPageAsync(url.ToString());
        var form = page.QuerySelector<IHtmlFormElement>("form")
            ?? throw new InvalidOperationException($"No login form at {url} ({(int)loginPage.StatusCode}): {page.Body?.TextContent.Trim()}");
        var action = new Uri(url, form.GetAttribute("action"));
        var posted = await Client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password }));
        var answer = await FollowAsync(posted, onCallback);
        if ((int)answer.StatusCode >= 400 && answer.RequestMessage!.RequestUri!.Port == url.Port)
        {
            // The provider refused to go on: its own words help more than the portal's later silence.
            throw new InvalidOperationException($"The provider answered {(int)answer.StatusCode} at {answer.RequestMessage.RequestUri}: {await answer.Content.ReadAsStringAsync()}");
        }
        return answer;
    }

    /// <summary>GETs <paramref name="url"/> and follows redirects.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url) => await FollowAsync(await Client.GetAsync(url));

    /// <summary>Posts <paramref name="fields"/> to <paramref name="url"/> and follows redirects.</summary>
    public async Task<HttpResponseMessage> PostAsync(Uri url, IDictionary<string, string> fields) =>
        await FollowAsync(await Client.PostAsync(url, new FormUrlEncodedContent(fields)));

    /// <summary>Removes the cookies whose name starts with <paramref name="prefix"/> (as if the browser had lost them).</summary>
    public void DropCookies(string prefix)
    {
        foreach (Cookie cookie in Cookies.GetAllCookies())
        {
            if (cookie.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                cookie.Expired = true;
            }
        }
    }

    private async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, Func<Uri, Uri>? onCallback = null)
    {
        Visited.Add(response.RequestMessage!.RequestUri!);
        for (var hops = 0; hops < 15 && response.Headers.Location is { } location; hops++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, location);
            response.Dispose();
            if (next.AbsolutePath == "/signin-oidc" && onCallback is not null)
            {
                next = onCallback(next);
            }
            response = await Client.GetAsync(next);
            Visited.Add(next);
        }
        return response;
    }
}
