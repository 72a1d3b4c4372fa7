using System.Text.Json;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Web.Authorization;
using HikubePortal.Web.Components.Pages.Objects;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using HikubePortal.Web.Hosting;
using static HikubePortal.Web.Endpoints.EndpointRoutes;

namespace HikubePortal.Web.Endpoints;

/// <summary>
/// The upload API the object browser's script calls (JSON, role use, antiforgery token in the
/// <c>RequestVerificationToken</c> header): presigned requests for direct uploads to the storage, the streamed
/// fallback through the portal. Answers are <c>no-store</c>
/// (presigned URLs are bearer secrets); failures are JSON problems whose <c>detail</c> is shown to the user.
/// </summary>
internal static class UploadEndpoints
{
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var uploads = endpoints.MapGroup("/t/{tenant}/buckets/{name}/uploads")
            .AddEndpointFilter(ValidateAntiforgeryAsync)
            .AddEndpointFilter(ProblemsAsync)
            .DisableAntiforgery();
        Post(uploads, UploadLinks.PutPath, TenantPolicies.Use, SignPutAsync);
        Post(uploads, UploadLinks.StartPath, TenantPolicies.Use, StartAsync);
        Post(uploads, UploadLinks.PartsPath, TenantPolicies.Use, SignPartsAsync);
        Post(uploads, UploadLinks.CompletePath, TenantPolicies.Use, CompleteAsync);
        Post(uploads, UploadLinks.CancelPath, TenantPolicies.Use, CancelAsync);
        Post(uploads, UploadLinks.ListPartsPath, TenantPolicies.Use, ListPartsAsync);
        Post(uploads, UploadLinks.StreamPath, TenantPolicies.Use, StreamAsync);
        Post(uploads, UploadLinks.PreparePath, TenantPolicies.Use, PrepareAsync);
        Post(uploads, UploadLinks.PartPath, TenantPolicies.Use, StreamPartAsync);
        return endpoints;
    }

    /// <summary>A file to upload: the folder being browsed, its path relative to what was picked, its size and type.</summary>
    internal sealed record NewFile(string? Prefix, string? Path, long Size, string? ContentType);

    /// <summary>An upload in progress.</summary>
    internal sealed record UploadRef(string? Key, string? UploadId);

    internal sealed record PartsRequest(string? Key, string? UploadId, IReadOnlyList<int>? Parts);

    internal sealed record CompleteRequest(string? Key, string? UploadId, IReadOnlyList<CompletedPart>? Parts);

    internal sealed record PrepareRequest(bool? AllowDirect);

    /// <summary>
    /// How the page's files go up: straight to the storage (after the portal made sure the bucket's CORS lets this page's
    /// origin in) or through the portal. The origin is the browser's own <c>Origin</c> header, and must be this portal's.
    /// </summary>
    private static async Task<IResult> PrepareAsync(
        string tenant, string name, HttpRequest request, IUploadService uploads, IOptions<UploadOptions> options, StorageOrigins origins,
        CancellationToken cancellationToken)
    {
        var body = await BodyAsync<PrepareRequest>(request, cancellationToken);
        var origin = PublicOrigin.Of(request, options.Value.PublicOrigins)
            ?? throw new InvalidException("This request does not come from a page of this portal (its Origin header is missing or another site's).");
        var route = await uploads.PrepareAsync(tenant, name, origin, options.Value.Direct && body.AllowDirect != false, cancellationToken);
        if (route.Endpoint is { } endpoint)
        {
            origins.Learn(endpoint);
        }
        return Results.Json(new { mode = route.Mode.ToString(), endpoint = route.Endpoint?.ToString(), reason = route.Reason });
    }

    /// <summary>One part of a large file, streamed through the portal (the body is the part, passed on as it arrives).</summary>
    private static async Task<IResult> StreamPartAsync(
        string tenant, string name, [FromQuery] string? key, [FromQuery] string? uploadId, [FromQuery] int? part,
        HttpContext http, IUploadService uploads, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MultipartPlan.MaxPartSize;
        }
        if (http.Request.ContentLength is not { } length)
        {
            throw InvalidException.For("part", "A part needs its length (Content-Length).");
        }
        var etag = await uploads.UploadPartAsync(tenant, name, key ?? string.Empty, uploadId ?? string.Empty, part ?? 0, http.Request.Body, length, cancellationToken);
        return Results.Json(new { partNumber = part, etag });
    }

    private static async Task<IResult> SignPutAsync(string tenant, string name, HttpRequest request, IUploadService uploads, CancellationToken cancellationToken)
    {
        var file = await BodyAsync<NewFile>(request, cancellationToken);
        var key = UploadKey.For(file.Prefix, file.Path);
        var signed = await uploads.SignPutAsync(tenant, name, key, file.Size, file.ContentType, cancellationToken);
        return Results.Json(new { key, method = signed.Method, url = signed.Url, headers = signed.Headers, expiresAt = signed.ExpiresAt });
    }

    private static async Task<IResult> StartAsync(string tenant, string name, HttpRequest request, IUploadService uploads, CancellationToken cancellationToken)
    {
        var file = await BodyAsync<NewFile>(request, cancellationToken);
        var key = UploadKey.For(file.Prefix, file.Path);
        var started = await uploads.StartAsync(tenant, name, key, file.Size, file.ContentType, cancellationToken);
        return Results.Json(new { key = started.Key, uploadId = started.UploadId, partSize = started.PartSize, partCount = started.PartCount });
    }

    private static async Task<IResult> SignPartsAsync(string tenant, string name, HttpRequest request, IUploadService uploads, CancellationToken cancellationToken)
    {
        var body = await BodyAsync<PartsRequest>(request, cancellationToken);
        var parts = await uploads.SignPartsAsync(tenant, name, body.Key ?? string.Empty, body.UploadId ?? string.Empty, body.Parts ?? [], cancellationToken);
        return Results.Json(new { parts = parts.Select(p => new { partNumber = p.PartNumber, url = p.Url, expiresAt = p.ExpiresAt }) });
    }

    private static async Task<IResult> CompleteAsync(string tenant, string name, HttpRequest request, IUploadService uploads, CancellationToken cancellationToken)
    {
        var body = await BodyAsync<CompleteRequest>(request, cancellationToken);
        var stored = await uploads.CompleteAsync(tenant, name, body.Key ?? string.Empty, body.UploadId ?? string.Empty, body.Parts ?? [], cancellationToken);
        return Stored(stored);
    }

    private static async Task<IResult> CancelAsync(string tenant, string name, HttpRequest request, IUploadService uploads, CancellationToken cancellationToken)
    {
        var body = await BodyAsync<UploadRef>(request, cancellationToken);
        await uploads.CancelAsync(tenant, name, body.Key ?? string.Empty, body.UploadId ?? string.Empty, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ListPartsAsync(string tenant, string name, HttpRequest request, IUploadService uploads, CancellationToken cancellationToken)
    {
        var body = await BodyAsync<UploadRef>(request, cancellationToken);
        var parts = await uploads.ListPartsAsync(tenant, name, body.Key ?? string.Empty, body.UploadId ?? string.Empty, cancellationToken);
        return Results.Json(new { parts = parts.Select(p => new { partNumber = p.PartNumber, etag = p.ETag, size = p.Size }) });
    }

    /// <summary>
    /// The streamed fallback: the request body is the file (any length, read as a stream, never buffered whole);
    /// <c>prefix</c>, <c>path</c> and <c>type</c> come in the query string.
    /// </summary>
    private static async Task<IResult> StreamAsync(
        string tenant, string name, [FromQuery] string? prefix, [FromQuery] string? path, [FromQuery] string? type,
        HttpContext http, IUploadService uploads, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        var key = UploadKey.For(prefix, path);
        var stored = await uploads.UploadAsync(tenant, name, key, http.Request.Body, type, cancellationToken);
        return Stored(stored);
    }

    private static IResult Stored(StoredObject stored) =>
        Results.Json(new { key = stored.Key, etag = stored.ETag, size = stored.Size });

    internal static async Task<T> BodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new InvalidException("The request needs a JSON body.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new InvalidException("The request needs a JSON body.");
        }
    }

    /// <summary>No answer is stored; expected failures become JSON problems in plain words.</summary>
    internal static async ValueTask<object?> ProblemsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        NoStore(context.HttpContext.Response);
        try
        {
            return await next(context);
        }
        catch (PortalException ex)
        {
            var extensions = ex is InvalidException { Errors.Count: > 0 } invalid
                ? new Dictionary<string, object?> { ["errors"] = invalid.Errors }
                : null;
            return Results.Problem(detail: ex.Message, statusCode: ClientFaults.StatusFor(ex), title: TitleFor(ex), extensions: extensions);
        }
    }

    private static string TitleFor(PortalException exception) => exception switch
    {
        NotFoundException => "Not found",
        ForbiddenException => "Not allowed",
        ConflictException => "Upload refused",
        InvalidException => "Invalid upload",
        _ => "Storage unavailable",
    };
}
