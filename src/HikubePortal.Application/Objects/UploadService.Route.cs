using HikubePortal.Application.Common;

namespace HikubePortal.Application.Objects;

/// <summary>How a bucket's files go up from the browser.</summary>
public enum UploadMode
{
    /// <summary>Straight to the storage with presigned requests; the portal only signs.</summary>
    Direct,

    /// <summary>Through the portal, which passes the bytes on in bounded memory.</summary>
    Streamed,
}

/// <summary>The way uploads go and why; <paramref name="Endpoint"/> is where a direct upload sends its bytes.</summary>
public sealed record UploadRoute(UploadMode Mode, Uri? Endpoint, string Reason);

/// <summary>Choosing the way uploads go, and allowing the portal's origin in the bucket's CORS.</summary>
internal sealed partial class UploadService
{
    public async Task<UploadRoute> PrepareAsync(string tenant, string bucket, string origin, bool direct, CancellationToken cancellationToken)
    {
        var allowed = BucketCorsRules.Normalize(origin) ?? throw InvalidException.For("origin", "The page's address is not an http(s) origin.");
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        if (!direct)
        {
            return new UploadRoute(UploadMode.Streamed, null, "The portal is set to send uploads through itself.");
        }
        return await cors.EnsureAsync(tenant, bucket, access, allowed, canChange: true, cancellationToken) switch
        {
            CorsOutcome.Allowed => new UploadRoute(UploadMode.Direct, access.Endpoint, "The storage accepts uploads from this page."),
            CorsOutcome.Added => new UploadRoute(UploadMode.Direct, access.Endpoint, $"The portal allowed uploads from {allowed} in the bucket's CORS rules."),
            _ => Streamed(allowed),
        };
    }

    private static UploadRoute Streamed(string origin) => new(UploadMode.Streamed, null,
        $"The storage does not let the portal allow uploads from {origin}, so files go through the portal.");
}
