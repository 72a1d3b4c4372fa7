using HikubePortal.Application.Common;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Objects;

/// <summary>How the browser downloads one object.</summary>
public enum DownloadMode
{
    /// <summary>One presigned link (or the portal's stream): small objects, and whenever ranges cannot be fetched.</summary>
    Link,

    /// <summary>Ranges of a presigned link fetched in parallel by the browser, straight from the storage.</summary>
    Ranged,
}

/// <summary>
/// The way one object downloads and why. For <see cref="DownloadMode.Ranged"/>: the presigned link (a bearer secret
/// until it expires: to the browser only), the object's size and ETag (every range must come from the same object),
/// and the storage endpoint the browser fetches from.
/// </summary>
public sealed record DownloadPlan(DownloadMode Mode, string Reason, PresignedRequest? Link = null, ObjectDetails? Details = null, Uri? Endpoint = null);

/// <summary>Plans downloads of large objects by parallel ranges (role use).</summary>
public interface IObjectDownloads
{
    /// <summary>
    /// How a browser at <paramref name="origin"/> downloads <paramref name="key"/>: by parallel ranges when the portal is set
    /// to (<see cref="ObjectBrowserOptions.RangedDownloads"/>) and the object is at least <see cref="ObjectBrowserOptions.RangedDownloadThreshold"/> bytes and the bucket's CORS lets the origin in
    /// (the portal adds its rule with a read-write user's credentials, as before an upload; audited), else by one link.
    /// </summary>
    Task<DownloadPlan> PlanAsync(string tenant, string bucket, string key, string origin, CancellationToken cancellationToken);
}

internal sealed class ObjectDownloads(
    ObjectAccessResolver resolver, IObjectStorage storage, IObjectLinks links, BucketCorsGuard cors, IOptions<ObjectBrowserOptions> options) : IObjectDownloads
{
    public async Task<DownloadPlan> PlanAsync(string tenant, string bucket, string key, string origin, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var allowed = BucketCorsRules.Normalize(origin) ?? throw InvalidException.For("origin", "The page's address is not an http(s) origin.");
        var settings = options.Value;
        var read = await resolver.ReadAsync(tenant, bucket, cancellationToken);
        if (!settings.DirectDownloads)
        {
            return new DownloadPlan(DownloadMode.Link, "The portal is set to send downloads through itself.");
        }
        if (!settings.RangedDownloads)
        {
            return new DownloadPlan(DownloadMode.Link, "The portal is set to download by one link.");
        }
        if (!ObjectKey.IsLinkSafe(key))
        {
            return new DownloadPlan(DownloadMode.Link, "The object's name cannot travel in a link.");
        }
        var details = await storage.GetDetailsAsync(read.Access, key, cancellationToken);
        if (details.Size < settings.RangedDownloadThreshold)
        {
            return new DownloadPlan(DownloadMode.Link, "A small object downloads by one link.");
        }
        if (await CorsAsync(tenant, bucket, read, allowed, cancellationToken) == CorsOutcome.Refused)
        {
            return new DownloadPlan(DownloadMode.Link, $"The bucket's CORS rules do not let {allowed} fetch ranges.");
        }
        var link = await links.DownloadLinkAsync(read.Access, key, null, cancellationToken);
        return new DownloadPlan(DownloadMode.Ranged, "Ranges fetched in parallel from the storage.", link, details, read.Access.Endpoint);
    }

    /// <summary>The CORS rules checked and completed with a read-write user's keys; read only when the bucket has none.</summary>
    private async Task<CorsOutcome> CorsAsync(string tenant, string bucket, ResolvedAccess read, string origin, CancellationToken cancellationToken)
    {
        if (read.CanWrite)
        {
            try
            {
                var write = await resolver.WriteAsync(tenant, bucket, cancellationToken);
                return await cors.EnsureAsync(read.Tenant, bucket, write.Access, origin, canChange: true, cancellationToken);
            }
            catch (ConflictException)
            {
                // No read-write credentials after all: read the rules with the reader's.
            }
        }
        return await cors.EnsureAsync(read.Tenant, bucket, read.Access, origin, canChange: false, cancellationToken);
    }
}
