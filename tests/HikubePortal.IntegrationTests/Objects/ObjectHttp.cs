using System.Net;
using AngleSharp.Dom;
using HikubePortal.IntegrationTests.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.Objects;

/// <summary>What a person does in the object browser, over HTTP.</summary>
public static class ObjectHttp
{
    public static string Browse(string tenant, string bucket, string? prefix = null, string? query = null) =>
        $"/t/{tenant}/buckets/{bucket}/objects" + (prefix is null ? "" : $"?prefix={Uri.EscapeDataString(prefix)}")
        + (query is null ? "" : (prefix is null ? "?" : "&") + query);

    public static string With(string tenant, string bucket, string action, string key) =>
        $"/t/{tenant}/buckets/{bucket}/objects/{action}?key={Uri.EscapeDataString(key)}";

    /// <summary>The keys of the object rows of a folder page, in the page's order.</summary>
    public static List<string> RowKeys(this IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=object-row]").Select(r => r.GetAttribute("data-key")!)];

    public static List<string> FolderPrefixes(this IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=folder-row]").Select(r => r.GetAttribute("data-prefix")!)];

    /// <summary>Downloads through the portal: follows a presigned redirect with a plain client (no cookies), as a browser would.</summary>
    public static async Task<(byte[] Bytes, bool Direct, HttpResponseMessage First)> DownloadAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.SeeOther)
        {
            using var plain = new HttpClient();
            var location = response.Headers.Location!;
            return (await plain.GetByteArrayAsync(location), true, response);
        }
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} -> {response.StatusCode}");
        return (await response.Content.ReadAsByteArrayAsync(), false, response);
    }

    /// <summary>Submits the confirm form of the delete page at <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> ConfirmDeleteAsync(this HttpClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await client.SubmitFormAsync(page, "delete-confirm", url);
    }

    /// <summary>Posts a named form of <paramref name="page"/> with all its hidden fields (repeated names kept) plus <paramref name="fields"/>.</summary>
    public static Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, IDocument page, string formName, string url, params (string Name, string Value)[] fields)
    {
        var form = page.NamedForm(formName) ?? throw new InvalidOperationException($"No form {formName} on {url}");
        var values = form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("input[type=hidden]")
            .Where(i => !string.IsNullOrEmpty(i.Name)).Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts <paramref name="fields"/> (names may repeat) with the page's antiforgery token, as the page's forms do.</summary>
    public static Task<HttpResponseMessage> PostFieldsAsync(this HttpClient client, IDocument page, string url, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(
            [new(PortalHttp.AntiforgeryField, page.AntiforgeryToken()), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
}
