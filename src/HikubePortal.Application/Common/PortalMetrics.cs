using System.Diagnostics;
using System.Diagnostics.Metrics;
using HikubePortal.Application.Audit;

namespace HikubePortal.Application.Common;

/// <summary>
/// The portal's own instruments, on the meter <c>HikubePortal</c> (process-wide, like the runtime's meters). Nothing is
/// recorded unless a listener enables them (the <c>/metrics</c> exporter does). Tag values are small fixed sets
/// (operation names, outcomes, error kinds): never a tenant, bucket, key or user, which would explode the series.
/// </summary>
public static class PortalMetrics
{
    public const string MeterName = "HikubePortal";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>S3 calls by <c>operation</c> and <c>outcome</c> (<c>ok</c> or the error kind).</summary>
    public static readonly Counter<long> StorageOperations = Meter.CreateCounter<long>(
        "hikube_portal.storage.operations", "{operation}", "S3 calls made by the portal, by operation and outcome.");

    /// <summary>Duration of S3 calls by <c>operation</c>.</summary>
    public static readonly Histogram<double> StorageDuration = Meter.CreateHistogram(
        "hikube_portal.storage.operation.duration", "s", "Duration of S3 calls made by the portal.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    /// <summary>Failed S3 calls by <c>operation</c> and <c>error</c> (NotFound, Forbidden, Conflict, Invalid, Unavailable).</summary>
    public static readonly Counter<long> StorageErrors = Meter.CreateCounter<long>(
        "hikube_portal.storage.errors", "{error}", "Failed S3 calls, by operation and error kind.");

    /// <summary>Presigned URLs handed out, by HTTP <c>method</c>.</summary>
    public static readonly Counter<long> PresignedUrls = Meter.CreateCounter<long>(
        "hikube_portal.storage.presigned_urls", "{url}", "Presigned URLs signed (downloads, upload parts), by HTTP method.");

    /// <summary>Objects deleted through the portal.</summary>
    public static readonly Counter<long> ObjectsDeleted = Meter.CreateCounter<long>(
        "hikube_portal.storage.objects_deleted", "{object}", "Objects deleted through the portal.");

    /// <summary>S3 clients (one per credential) currently cached.</summary>
    public static readonly UpDownCounter<long> CachedClients = Meter.CreateUpDownCounter<long>(
        "hikube_portal.storage.cached_clients", "{client}", "S3 clients currently cached (one per bucket credential).");

    /// <summary>Bucket changes (create, delete, users, rotation) by <c>operation</c> and <c>outcome</c>.</summary>
    public static readonly Counter<long> BucketOperations = Meter.CreateCounter<long>(
        "hikube_portal.bucket.operations", "{operation}", "Bucket changes requested through the portal, by operation and outcome.");

    /// <summary>Credential reveals by <c>outcome</c>.</summary>
    public static readonly Counter<long> CredentialReveals = Meter.CreateCounter<long>(
        "hikube_portal.credential.reveals", "{reveal}", "Bucket credentials revealed to users, by outcome.");

    /// <summary>Sign-ins by <c>outcome</c> (success, failure, denied, locked_out).</summary>
    public static readonly Counter<long> SignIns = Meter.CreateCounter<long>(
        "hikube_portal.sign_ins", "{sign_in}", "Sign-in attempts, by outcome.");

    /// <summary>Records one S3 call.</summary>
    public static void RecordStorage(string operation, string outcome, TimeSpan elapsed)
    {
        var operationTag = new KeyValuePair<string, object?>("operation", operation);
        StorageOperations.Add(1, operationTag, new KeyValuePair<string, object?>("outcome", outcome));
        StorageDuration.Record(elapsed.TotalSeconds, operationTag);
        if (outcome != Ok)
        {
            StorageErrors.Add(1, operationTag, new KeyValuePair<string, object?>("error", outcome));
        }
    }

    /// <summary>Counts what an audit entry says happened: sign-ins, bucket changes, credential reveals.</summary>
    public static void RecordAudit(string action, AuditOutcome outcome)
    {
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant());
        switch (action)
        {
            case AuditActions.SignIn:
                SignIns.Add(1, outcomeTag);
                break;
            case AuditActions.SignInLockedOut:
                SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "locked_out"));
                break;
            case AuditActions.CredentialRevealed:
                CredentialReveals.Add(1, outcomeTag);
                break;
            case not null when action.StartsWith("bucket.", StringComparison.Ordinal):
                BucketOperations.Add(1, new KeyValuePair<string, object?>("operation", action["bucket.".Length..]), outcomeTag);
                break;
            default:
                break;
        }
    }

    /// <summary>The outcome of a call that succeeded.</summary>
    public const string Ok = "ok";

    /// <summary>Elapsed time since <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static TimeSpan Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp);
}
