using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Objects;

/// <summary>What became of a bucket's CORS rules when the portal made sure they let its origin in.</summary>
public enum CorsOutcome
{
    /// <summary>The rules already allowed the origin.</summary>
    Allowed,

    /// <summary>The portal added its rule (audited).</summary>
    Added,

    /// <summary>The storage refused to show or change the rules: browsers at the origin cannot reach the bucket.</summary>
    Refused,
}

/// <summary>
/// Makes sure a bucket's CORS lets the portal's origin upload and download (<see cref="BucketCorsRules"/>): reads the
/// rules and, when none allows the origin, adds the portal's rule with the given (read-write) credentials, audited.
/// Used before a direct upload and before a download by parallel ranges.
/// </summary>
internal sealed partial class BucketCorsGuard(IObjectStorage storage, IAuditLog audit, ILogger<BucketCorsGuard> logger)
{
    /// <summary>
    /// Whether browsers at <paramref name="origin"/> (normalized) may reach the bucket. With <paramref name="canChange"/>
    /// false (read-only credentials) the rules are only read.
    /// </summary>
    public async Task<CorsOutcome> EnsureAsync(
        string tenant, string bucket, BucketAccess access, string origin, bool canChange, CancellationToken cancellationToken)
    {
        IReadOnlyList<CorsRule> rules;
        try
        {
            rules = await storage.GetCorsAsync(access, cancellationToken);
        }
        catch (PortalException ex) when (ex is ForbiddenException or InvalidException)
        {
            LogCorsRefused(logger, bucket, "read");
            return CorsOutcome.Refused;
        }
        var merged = BucketCorsRules.Merge(rules, origin);
        if (merged is null)
        {
            return CorsOutcome.Allowed;
        }
        if (!canChange)
        {
            return CorsOutcome.Refused;
        }
        try
        {
            await storage.PutCorsAsync(access, merged, cancellationToken);
        }
        catch (PortalException ex) when (ex is ForbiddenException or InvalidException or ConflictException)
        {
            LogCorsRefused(logger, bucket, "change");
            await audit.WriteAsync(new AuditRecord(AuditActions.BucketCorsChanged, AuditOutcome.Denied, tenant, bucket,
                $"the storage refused a CORS rule for {origin}; transfers go through the portal"), cancellationToken);
            return CorsOutcome.Refused;
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketCorsChanged, Tenant: tenant, Target: bucket,
            Detail: $"CORS rule added: browsers at {origin} may upload and download ({merged.Count} rules)"), cancellationToken);
        return CorsOutcome.Added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The storage refused to {Action} the CORS rules of bucket {Bucket}; transfers go through the portal")]
    private static partial void LogCorsRefused(ILogger logger, string bucket, string action);
}
