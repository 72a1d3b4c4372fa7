using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Web.Authorization;
using HikubePortal.Web.Components.Pages.Buckets;
using HikubePortal.Web.Components.Pages.Objects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Endpoints;

/// <summary>
/// The object browser's fragments (listing refresh, job progress), byte routes (download, preview, zip) and the
/// create-folder action. Keys travel in the query string or form fields, never in the path. Actions are POSTs with
/// the antiforgery token that redirect back with a notice code, so they work without JavaScript. Role use throughout.
/// </summary>
internal static class ObjectEndpoints
{
    /// <summary>Copy buffer of streamed downloads: the portal's memory per download stays this small.</summary>
    private const int CopyBufferSize = 64 * 1024;

    public static IEndpointRouteBuilder MapObjectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var objects = endpoints.MapGroup("/t/{tenant}/buckets/{name}/objects");
        EndpointRoutes.Get(objects, "/list", TenantPolicies.Use, ListAsync);
        EndpointRoutes.Get(objects, "/job-progress", TenantPolicies.Use, JobProgressAsync);
        EndpointRoutes.Get(objects, "/download", TenantPolicies.Use, DownloadAsync);
        EndpointRoutes.Get(objects, "/preview", TenantPolicies.Use, PreviewAsync);
        objects.MapGet("/zip", ZipGetAsync).RequireAuthorization(TenantPolicies.Use);
        objects.MapPost("/zip", ZipPostAsync).RequireAuthorization(TenantPolicies.Use).AddEndpointFilter(EndpointRoutes.ValidateAntiforgeryAsync).DisableAntiforgery();
        var actions = endpoints.MapGroup("/t/{tenant}/buckets/{name}/objects").AddEndpointFilter(EndpointRoutes.ValidateAntiforgeryAsync).DisableAntiforgery();
        EndpointRoutes.Post(actions, "/folders", TenantPolicies.Use, CreateFolderAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(string tenant, string name, HttpRequest request, IObjectBrowser browser, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var query = ObjectBrowserQuery.From(q["prefix"], q["q"], Int(q["size"]), q["token"], q["trail"], Int(q["page"]), q["sort"], q["dir"]);
        var result = await ObjectListingLoader.LoadAsync(browser, tenant, name, query, cancellationToken);
        return new RazorComponentResult<ObjectListing>(new Dictionary<string, object?>
        {
            ["Tenant"] = tenant, ["Bucket"] = name, ["Query"] = query, ["Result"] = result,
        });
    }

    private static async Task<IResult> JobProgressAsync(string tenant, string name, string? id, IObjectBrowser browser, CancellationToken cancellationToken)
    {
        var job = Guid.TryParse(id, out var jobId) ? await browser.GetJobAsync(tenant, name, jobId, cancellationToken) : null;
        return job is null
            ? Results.Content(string.Empty, "text/html")
            : new RazorComponentResult<JobProgress>(new Dictionary<string, object?> { ["Tenant"] = tenant, ["Job"] = job });
    }

    /// <summary>One object: a presigned GET redirect (303) when allowed, else streamed through the portal (ranges honoured).</summary>
    private static async Task<IResult> DownloadAsync(
        string tenant, string name, string? key, HttpContext http, IObjectBrowser browser, IOptions<ObjectBrowserOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Back(tenant, name, null, ObjectNotices.NothingChosen, null);
        }
        NoStore(http.Response);
        try
        {
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

    /// <summary>A folder (<c>?folder=</c>) or one object (<c>?key=</c>) as a zip: the row actions' links.</summary>
    private static Task<IResult> ZipGetAsync(string tenant, string name, string? folder, string? key, HttpContext http, IObjectBrowser browser, CancellationToken cancellationToken)
    {
        var prefix = folder is { Length: > 0 } ? ObjectKey.ParentOf(folder) : key is { Length: > 0 } ? ObjectKey.ParentOf(key) : string.Empty;
        return ZipAsync(http, browser, tenant, name, prefix, key is { Length: > 0 } ? [key] : [], folder is { Length: > 0 } ? [folder] : [], cancellationToken);
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
        var single = keys.Count + folders.Count == 1 ? (folders.Count == 1 ? folders[0] : keys[0]) : null;
        var name = single is not null ? ObjectHeaders.FileNameOf(single)
            : basePrefix.Length > 0 ? ObjectHeaders.FileNameOf(basePrefix)
            : bucket;
        return name + ".zip";
    }

    private static async Task<IResult> CreateFolderAsync(string tenant, string name, [FromForm] string? prefix, [FromForm] string? folderName,
        IObjectBrowser browser, CancellationToken cancellationToken)
    {
        var parent = ObjectKey.NormalizeFolder(prefix);
        try
        {
            var created = await browser.CreateFolderAsync(tenant, name, parent, folderName ?? string.Empty, cancellationToken);
            return Redirect(ObjectLinks.Browse(tenant, name, parent) + Query(parent.Length == 0, notice: ObjectNotices.FolderCreated, name: ObjectKey.NameWithin(created, parent)));
        }
        catch (PortalException ex)
        {
            return Back(tenant, name, parent, ObjectNotices.Code(ex), folderName);
        }
    }

    /// <summary>Back to a folder page with an error code and the name concerned.</summary>
    private static RedirectHttpResult Back(string tenant, string bucket, string? prefix, string error, string? subject) =>
        Redirect(ObjectLinks.Browse(tenant, bucket, prefix) + Query(string.IsNullOrEmpty(prefix), error: error, name: subject));

    private static RedirectHttpResult Redirect(string url) => TypedResults.Redirect(url);

    private static string Query(bool first, string? notice = null, string? error = null, string? name = null)
    {
        var parts = new List<string>();
        if (notice is not null)
        {
            parts.Add($"notice={notice}");
        }
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

    private static int? Int(string? value) => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

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
