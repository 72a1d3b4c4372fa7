using System.Diagnostics;
using Amazon.S3;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Storage.Clients;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Storage;

/// <summary>
/// Runs S3 calls with the cached client of a credential and turns every failure into an
/// a <see cref="PortalException"/>. Cancellation by the caller stays a cancellation.
/// </summary>
internal sealed partial class S3Executor(S3ClientCache clients, IOptions<ObjectStorageOptions> options, ILogger<S3Executor> logger)
{
    public const string ReadOnlyMessage =
        "These credentials are read-only: uploading, creating folders, renaming and deleting need a read-write user of the bucket.";

    /// <summary>How long a read may take before the storage counts as not answering (see <see cref="RunAsync{T}"/>).</summary>
    public TimeSpan ReadTimeout => options.Value.ReadTimeout;

    /// <summary>Refuses a write with read-only credentials, before any request is made.</summary>
    public static void EnsureWritable(BucketAccess access)
    {
        if (access.ReadOnly)
        {
            throw new ForbiddenException(ReadOnlyMessage);
        }
    }

    /// <summary>
    /// A read or a small change (list, head, settings, tags, one delete): it answers within
    /// <see cref="ObjectStorageOptions.ReadTimeout"/>, retries included, or fails as Unavailable in words.
    /// </summary>
    public Task<T> RunAsync<T>(
        BucketAccess access, string operation, Func<IAmazonS3, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunWithinAsync(access, operation, options.Value.ReadTimeout, call, cancellationToken);

    public Task RunAsync(BucketAccess access, string operation, Func<IAmazonS3, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunWithinAsync(access, operation, options.Value.ReadTimeout, Done(call), cancellationToken);

    /// <summary>
    /// A write that must finish and may take long (bytes uploaded through the portal, server-side copies, completing a
    /// multipart upload, a batch delete): it gets <see cref="ObjectStorageOptions.TransferTimeout"/>, retries included,
    /// not the read deadline that would cut it short.
    /// </summary>
    public Task<T> RunTransferAsync<T>(
        BucketAccess access, string operation, Func<IAmazonS3, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunWithinAsync(access, operation, options.Value.TransferTimeout, call, cancellationToken);

    /// <summary>
    /// One deadline for the whole call: the SDK's retries run inside it, so they never multiply the wait. Its expiry is
    /// not the caller's cancellation, so it becomes an Unavailable error (the storage is not answering).
    /// </summary>
    private async Task<T> RunWithinAsync<T>(
        BucketAccess access, string operation, TimeSpan within, Func<IAmazonS3, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var lease = Rent(access);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(within);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call(lease.Client, deadline.Token);
            PortalMetrics.RecordStorage(operation, PortalMetrics.Ok, PortalMetrics.Since(started));
            return result;
        }
        catch (Exception e) when (e is not PortalException && !cancellationToken.IsCancellationRequested)
        {
            var mapped = Translate(e, access, operation);
            PortalMetrics.RecordStorage(operation, ErrorKind(mapped), PortalMetrics.Since(started));
            throw mapped;
        }
    }

    private static Func<IAmazonS3, CancellationToken, Task<bool>> Done(Func<IAmazonS3, CancellationToken, Task> call) =>
        async (client, deadline) =>
        {
            await call(client, deadline);
            return true;
        };

    /// <summary>A client for work that outlives one call (an open download stream); dispose the lease after.</summary>
    public ClientLease Rent(BucketAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (string.IsNullOrEmpty(access.BucketName) || string.IsNullOrEmpty(access.AccessKey) || string.IsNullOrEmpty(access.SecretKey))
        {
            throw new InvalidException("The bucket's credentials are incomplete.");
        }
        return clients.Rent(access);
    }

    public PortalException Translate(Exception exception, BucketAccess access, string operation)
    {
        var mapped = S3ErrorMapper.Map(exception);
        // What users cause (missing objects, names taken, bad input) is routine; refusals and outages are not.
        var level = mapped is ForbiddenException or UnavailableException ? LogLevel.Warning : LogLevel.Debug;
        var kind = mapped.GetType().Name;
        if (exception is AmazonS3Exception s3)
        {
            LogS3Failure(level, operation, access.BucketName, (int)s3.StatusCode, s3.ErrorCode ?? "-", s3.RequestId ?? "-", kind);
        }
        else
        {
            var type = exception.GetType().Name;
            LogTransportFailure(level, operation, access.BucketName, type, exception.Message, kind);
        }
        return mapped;
    }

    /// <summary>NotFound, Forbidden, Conflict, Invalid, Unavailable...: the metric tag of a failure.</summary>
    private static string ErrorKind(PortalException exception)
    {
        var name = exception.GetType().Name;
        return name.EndsWith("Exception", StringComparison.Ordinal) ? name[..^"Exception".Length] : name;
    }

    [LoggerMessage(EventId = 10, Message = "S3 {Operation} on bucket {Bucket} failed: HTTP {Status} {ErrorCode} (request {RequestId}) -> {Error}")]
    private partial void LogS3Failure(LogLevel level, string operation, string bucket, int status, string errorCode, string requestId, string error);

    [LoggerMessage(EventId = 11, Message = "S3 {Operation} on bucket {Bucket} failed: {ExceptionType}: {Reason} -> {Error}")]
    private partial void LogTransportFailure(LogLevel level, string operation, string bucket, string exceptionType, string reason, string error);
}
