using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>Browser-like helpers: read pages, post their forms with the antiforgery token, sign in.</summary>
public static class PortalHttp
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The path and query a redirect points to (absolute or not), null when there is no Location.</summary>
    public static string? RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery
        : location.OriginalString;

    /// <summary>GETs <paramref name="url"/> and parses the HTML.</summary>
    public static async Task<(HttpResponseMessage Response, IDocument Page)> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        return (response, page);
    }

    /// <summary>The form with hidden field <c>_handler</c> = <paramref name="formName"/> (or the first form).</summary>
    public static IHtmlFormElement Form(this IDocument page, string? formName = null) =>
        page.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => formName is null || f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == formName)
        ?? throw new InvalidOperationException($"No form {formName} on the page: {page.Title}");

    /// <summary>
    /// Posts <paramref name="form"/>'s hidden fields (antiforgery token, handler) plus <paramref name="fields"/>
    /// to its action (or <paramref name="url"/>).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form, string url, IDictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal);
        foreach (var (key, value) in fields ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>Loads <paramref name="url"/>, then submits its form <paramref name="formName"/> with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string? formName, IDictionary<string, string>? fields = null)
    {
        var (response, page) = await client.GetPageAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }
        return await client.SubmitAsync(page.Form(formName), url, fields);
    }

    /// <summary>
    /// The antiforgery token of the signed-in client's session, from a static form every account has (interactive
    /// pages and the user menu render their forms only in the browser).
    /// </summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client)
    {
        var (_, page) = await client.GetPageAsync("/account/manage/password");
        return page.QuerySelector<IHtmlInputElement>($"form input[name={AntiforgeryField}]")?.Value
            ?? throw new InvalidOperationException("No antiforgery token on /account/manage/password");
    }

    /// <summary>Signs out as the user menu does: a form post to /account/logout with the session's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(this HttpClient client) =>
        await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [AntiforgeryField] = await client.AntiforgeryTokenAsync(),
        }));

    /// <summary>Signs in through the sign-in page; returns the response to the post (302 on success).</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}
