using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using Microsoft.Extensions.Logging;

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
        IReadOnlyList<CorsRule> rules;
        try
        {
            rules = await storage.GetCorsAsync(access, cancellationToken);
        }
        catch (PortalException ex) when (ex is ForbiddenException or InvalidException)
        {
            LogCorsRefused(logger, bucket, "read");
            return Streamed(allowed);
        }
        var merged = BucketCorsRules.Merge(rules, allowed);
        if (merged is null)
        {
            return new UploadRoute(UploadMode.Direct, access.Endpoint, "The storage accepts uploads from this page.");
        }
        try
        {
            await storage.PutCorsAsync(access, merged, cancellationToken);
        }
        catch (PortalException ex) when (ex is ForbiddenException or InvalidException or ConflictException)
        {
            LogCorsRefused(logger, bucket, "change");
            await audit.WriteAsync(new AuditRecord(AuditActions.BucketCorsChanged, AuditOutcome.Denied, tenant, bucket,
                $"the storage refused a CORS rule for {allowed}; uploads go through the portal"), cancellationToken);
            return Streamed(allowed);
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketCorsChanged, Tenant: tenant, Target: bucket,
            Detail: $"CORS rule added: browsers at {allowed} may upload ({merged.Count} rules)"), cancellationToken);
        return new UploadRoute(UploadMode.Direct, access.Endpoint, $"The portal allowed uploads from {allowed} in the bucket's CORS rules.");
    }

    private static UploadRoute Streamed(string origin) => new(UploadMode.Streamed, null,
        $"The storage does not let the portal allow uploads from {origin}, so files go through the portal.");

    [LoggerMessage(Level = LogLevel.Information, Message = "The storage refused to {Action} the CORS rules of bucket {Bucket}; uploads stream through the portal")]
    private static partial void LogCorsRefused(ILogger logger, string bucket, string action);
}
