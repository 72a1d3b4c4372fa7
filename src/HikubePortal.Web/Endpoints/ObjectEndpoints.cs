using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;
using HikubePortal.Web.Authorization;
using HikubePortal.Web.Components.Pages.Buckets;
using HikubePortal.Web.Components.Pages.Objects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

using HikubePortal.Web.Hosting;

namespace HikubePortal.Web.Endpoints;

/// <summary>
/// The object browser's byte routes: download, preview, zip. Keys travel in the query string or form fields, never in
/// the path. When a download cannot start, the route redirects back to the folder with a code the page puts in words.
/// Role use throughout.
/// </summary>
internal static class ObjectEndpoints
{
    /// <summary>Copy buffer of streamed downloads: the portal's memory per download stays this small.</summary>
    private const int CopyBufferSize = 64 * 1024;

    public static IEndpointRouteBuilder MapObjectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var objects = endpoints.MapGroup("/t/{tenant}/buckets/{name}/objects").Uncompressed();
        EndpointRoutes.Get(objects, "/download", TenantPolicies.Use, DownloadAsync);
        EndpointRoutes.Get(objects, "/preview", TenantPolicies.Use, PreviewAsync);
        objects.MapGet("/zip", ZipGetAsync).RequireAuthorization(TenantPolicies.Use);
        objects.MapPost("/zip", ZipPostAsync).RequireAuthorization(TenantPolicies.Use).AddEndpointFilter(EndpointRoutes.ValidateAntiforgeryAsync).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>
    /// One object: a presigned GET redirect (303) when allowed, else streamed through the portal (ranges honoured).
    /// With <c>version</c>, that version of the object, streamed.
    /// </summary>
    private static async Task<IResult> DownloadAsync(
        string tenant, string name, string? key, string? version, HttpContext http, IObjectBrowser browser, IObjectVersions versions,
        IOptions<ObjectBrowserOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Back(tenant, name, null, ObjectNotices.NothingChosen, null);
        }
        NoStore(http.Response);
        try
        {
            if (!string.IsNullOrEmpty(version))
            {
                return await CopyAsync(http, await versions.OpenReadAsync(tenant, name, key, version, cancellationToken),
                    ObjectHeaders.ContentDisposition(ObjectHeaders.FileNameOf(key)), null, null, cancellationToken);
            }
            if (options.Value.DirectDownloads && await browser.DownloadLinkAsync(tenant, name, key, cancellationToken) is { } link)
            {
                // The URL is a bearer secret until it expires: it goes to the browser only, never to a log.
                return new SeeOther(link.Url);
            }
            return await StreamAsync(http, browser, tenant, name, key, ObjectHeaders.ContentDisposition(ObjectHeaders.FileNameOf(key)), null, cancellationToken);
        }
        catch (PortalException ex)
        {
            return Back(tenant, name, ObjectKey.ParentOf(key), ObjectNotices.Code(ex), key);
        }
    }

    /// <summary>Preview bytes: only allow-listed media types, under the portal's own Content-Type, inline, sandboxed.</summary>
    private static async Task<IResult> PreviewAsync(string tenant, string name, string? key, HttpContext http, IObjectBrowser browser, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Results.Content("Choose an object to preview.", "text/plain", statusCode: StatusCodes.Status200OK);
        }
        ObjectDetails details;
        try
        {
            details = await browser.GetDetailsAsync(tenant, name, key, cancellationToken);
        }
        catch (PortalException ex)
        {
            return Results.Content(ex.Message, "text/plain", statusCode: ex is NotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }
        var type = PreviewTypes.InlineContentType(details.ContentType, key);
        var kind = PreviewTypes.KindOf(details.ContentType, key);
        if (type is null || !PreviewTypes.Previewable(kind, details.Size))
        {
            return Results.Content("This object has no preview; download it instead.", "text/plain", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-cache";
        // A PDF is shown in a same-origin frame of the details page; everything else may not be framed and runs nothing.
        headers.ContentSecurityPolicy = kind == PreviewKind.Pdf
            ? "default-src 'none'; frame-ancestors 'self'; object-src 'self'"
            : "default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'; sandbox";
        headers.XFrameOptions = kind == PreviewKind.Pdf ? "SAMEORIGIN" : "DENY";
        return await StreamAsync(http, browser, tenant, name, key, ObjectHeaders.ContentDisposition(ObjectHeaders.FileNameOf(key), inline: true), type, cancellationToken);
    }

    /// <summary>Streams an object (or the requested range) with a fixed buffer: 206 for a range, 416 when it is past the end.</summary>
    private static async Task<IResult> StreamAsync(
        HttpContext http, IObjectBrowser browser, string tenant, string bucket, string key, string disposition, string? contentType, CancellationToken cancellationToken)
    {
        var range = ObjectHeaders.ParseRange(http.Request.Headers.Range);
        ObjectContent content;
        try
        {
            content = await browser.OpenReadAsync(tenant, bucket, key, range, cancellationToken);
        }
        catch (InvalidException) when (range is not null)
        {
            return Results.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
        }
        return await CopyAsync(http, content, disposition, contentType, range, cancellationToken);
    }

    /// <summary>Writes opened content to the response with a fixed buffer, as a range when one was asked and given.</summary>
    private static async Task<IResult> CopyAsync(
        HttpContext http, ObjectContent content, string disposition, string? contentType, ObjectByteRange? range, CancellationToken cancellationToken)
    {
        await using (content)
        {
            var response = http.Response;
            response.Headers.ContentDisposition = disposition;
            response.Headers.AcceptRanges = "bytes";
            response.ContentType = contentType ?? "application/octet-stream";
            response.ContentLength = content.Length;
            if (content.ETag is not null)
            {
                response.Headers.ETag = $"\"{content.ETag}\"";
            }
            if (range is not null && content.ContentRange is not null)
            {
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = content.ContentRange;
            }
            await content.Content.CopyToAsync(response.Body, CopyBufferSize, cancellationToken);
        }
        return Results.Empty;
    }

    /// <summary>
    /// A folder (<c>?folder=</c>; empty: the whole bucket) or one object (<c>?key=</c>) as a zip: the row actions' links.
    /// </summary>
    private static Task<IResult> ZipGetAsync(string tenant, string name, string? folder, string? key, HttpContext http, IObjectBrowser browser, CancellationToken cancellationToken)
    {
        var wholeBucket = folder is { Length: 0 } || (folder is null && http.Request.Query.ContainsKey("folder"));
        var prefix = folder is { Length: > 0 } ? ObjectKey.ParentOf(folder) : key is { Length: > 0 } ? ObjectKey.ParentOf(key) : string.Empty;
        IReadOnlyList<string> folders = wholeBucket ? [string.Empty] : folder is { Length: > 0 } ? [folder] : [];
        return ZipAsync(http, browser, tenant, name, prefix, key is { Length: > 0 } ? [key] : [], folders, cancellationToken);
    }

    /// <summary>The selection of a folder page (fields <c>key</c>, <c>folder</c>, <c>prefix</c>) as a zip.</summary>
    private static async Task<IResult> ZipPostAsync(string tenant, string name, HttpContext http, IObjectBrowser browser, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        return await ZipAsync(http, browser, tenant, name, form["prefix"].ToString(),
            [.. form["key"].OfType<string>().Where(k => k.Length > 0)], [.. form["folder"].OfType<string>().Where(f => f.Length > 0)], cancellationToken);
    }

    private static async Task<IResult> ZipAsync(HttpContext http, IObjectBrowser browser, string tenant, string bucket, string prefix,
        IReadOnlyList<string> keys, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        var basePrefix = ObjectKey.NormalizeFolder(prefix);
        if (keys.Count == 0 && folders.Count == 0)
        {
            return Back(tenant, bucket, basePrefix, ObjectNotices.NothingChosen, null);
        }
        Func<Stream, CancellationToken, Task<ZipSummary>> write;
        try
        {
            write = await browser.PrepareZipAsync(tenant, bucket, new ZipRequest(basePrefix, keys, folders), cancellationToken);
        }
        catch (PortalException ex)
        {
            return Back(tenant, bucket, basePrefix, ObjectNotices.Code(ex), null);
        }
        NoStore(http.Response);
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = ObjectHeaders.ContentDisposition(ZipName(bucket, basePrefix, keys, folders));
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await write(http.Response.Body, cancellationToken);
        return Results.Empty;
    }

    /// <summary><c>bucket.zip</c>, <c>folder.zip</c>, or the single folder's or file's name.</summary>
    internal static string ZipName(string bucket, string basePrefix, IReadOnlyList<string> keys, IReadOnlyList<string> folders)
    {
        var single = keys.Count + folders.Count == 1 && !(folders.Count == 1 && folders[0].Length == 0) ? (folders.Count == 1 ? folders[0] : keys[0]) : null;
        var name = single is not null ? ObjectHeaders.FileNameOf(single)
            : basePrefix.Length > 0 ? ObjectHeaders.FileNameOf(basePrefix)
            : bucket;
        return name + ".zip";
    }

    /// <summary>Back to a folder page with an error code and the name concerned.</summary>
    private static RedirectHttpResult Back(string tenant, string bucket, string? prefix, string error, string? subject) =>
        Redirect(ObjectLinks.Browse(tenant, bucket, prefix) + Query(string.IsNullOrEmpty(prefix), error: error, name: subject));

    private static RedirectHttpResult Redirect(string url) => TypedResults.Redirect(url);

    private static string Query(bool first, string? error = null, string? name = null)
    {
        var parts = new List<string>();
        if (error is not null)
        {
            parts.Add($"error={error}");
        }
        if (!string.IsNullOrEmpty(name))
        {
            parts.Add($"name={Uri.EscapeDataString(name.Length > 1100 ? name[..1100] : name)}");
        }
        return (first ? "?" : "&") + string.Join("&", parts);
    }

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>303 See Other to a presigned URL (the browser follows with GET).</summary>
    private sealed class SeeOther(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }
}
