using System.Security.Cryptography;
using System.Text;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Web.Authorization;
using HikubePortal.Web.Components.Pages.Objects;
using HikubePortal.Web.Hosting;
using Microsoft.Extensions.Options;
using static HikubePortal.Web.Endpoints.EndpointRoutes;

namespace HikubePortal.Web.Endpoints;

/// <summary>
/// The plan of a large download, asked by the object browser's script (JSON, role use, antiforgery token in the
/// <c>RequestVerificationToken</c> header, the page's own <c>Origin</c>): a presigned link whose ranges the portal's
/// service worker fetches in parallel, or <c>link</c> when the object downloads by the plain download route. The
/// service worker asks again for a fresh link when one expires mid-download. Answers are <c>no-store</c>; the link
/// is never logged.
/// </summary>
internal static class DownloadEndpoints
{
    /// <summary>The service worker that assembles ranged downloads (objects.js registers it for the scope <c>app/dl/</c>).</summary>
    public const string WorkerScript = "app/download-worker.js";

    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var downloads = endpoints.MapGroup("/t/{tenant}/buckets/{name}/downloads")
            .AddEndpointFilter(ValidateAntiforgeryAsync)
            .AddEndpointFilter(UploadEndpoints.ProblemsAsync)
            .DisableAntiforgery();
        Post(downloads, DownloadLinks.PlanPath, TenantPolicies.Use, PlanAsync);
        return endpoints;
    }

    internal sealed record PlanRequest(string? Key);

    private static async Task<IResult> PlanAsync(
        string tenant, string name, HttpRequest request, IObjectDownloads downloads, IOptions<UploadOptions> uploads,
        IOptions<ObjectBrowserOptions> options, StorageOrigins origins, CancellationToken cancellationToken)
    {
        var body = await UploadEndpoints.BodyAsync<PlanRequest>(request, cancellationToken);
        if (string.IsNullOrEmpty(body.Key))
        {
            throw InvalidException.For("key", "Choose an object to download.");
        }
        var origin = PublicOrigin.Of(request, uploads.Value.PublicOrigins)
            ?? throw new InvalidException("This request does not come from a page of this portal (its Origin header is missing or another site's).");
        var plan = await downloads.PlanAsync(tenant, name, body.Key, origin, cancellationToken);
        if (plan is not { Mode: DownloadMode.Ranged, Link: { } link, Details: { } details, Endpoint: { } endpoint })
        {
            return Results.Json(new { mode = "link", reason = plan.Reason });
        }
        origins.Learn(endpoint);
        var fileName = ObjectHeaders.FileNameOf(body.Key);
        return Results.Json(new
        {
            mode = "ranged",
            url = link.Url,
            expiresAt = link.ExpiresAt,
            size = details.Size,
            etag = details.ETag is { } etag ? $"\"{etag.Trim('"')}\"" : null,
            name = fileName,
            disposition = ObjectHeaders.ContentDisposition(fileName),
            rangeSize = options.Value.RangeSize,
            rangesInFlight = options.Value.RangesInFlight,
            worker = Worker(origins.All),
            reason = plan.Reason,
        });
    }

    /// <summary>
    /// The service worker's URL, versioned by the storage origins the portal knows: a worker takes its CSP (connect-src)
    /// from the response that installed it, so a storage origin learned later installs it again under a new URL.
    /// </summary>
    internal static string Worker(IEnumerable<string> storageOrigins)
    {
        var joined = string.Join(' ', storageOrigins.Order(StringComparer.OrdinalIgnoreCase));
        return $"{WorkerScript}?v={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..12]}";
    }
}
