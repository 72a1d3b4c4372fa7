using System.Net;
using AngleSharp.Dom;

namespace HikubePortal.IntegrationTests.Objects;

/// <summary>What a person does in the object browser, over HTTP.</summary>
public static class ObjectHttp
{
    public static string Browse(string tenant, string bucket, string? prefix = null, string? query = null) =>
        $"/t/{tenant}/buckets/{bucket}/objects" + (prefix is null ? "" : $"?prefix={Uri.EscapeDataString(prefix)}")
        + (query is null ? "" : (prefix is null ? "?" : "&") + query);

    public static string With(string tenant, string bucket, string action, string key) =>
        $"/t/{tenant}/buckets/{bucket}/objects/{action}?key={Uri.EscapeDataString(key)}";

    /// <summary>The folder page of <paramref name="key"/> with its details open beside the listing (what a row's Details link opens).</summary>
    public static string Details(string tenant, string bucket, string key) =>
        Browse(tenant, bucket, HikubePortal.Application.Objects.ObjectKey.ParentOf(key), "object=" + Uri.EscapeDataString(key));

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
}
