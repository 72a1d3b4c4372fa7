using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Objects;

/// <summary>
/// Uploads into a tenant's bucket for the signed-in user (role use and up): presigned requests for the browser,
/// the streamed fallback through the portal, and the uploads in progress (list, abort). Every call resolves a
/// read-write credential of the bucket; a bucket with only read-only users refuses with a clear message.
/// </summary>
public interface IUploadService
{
    /// <summary>
    /// The storage endpoint browsers upload this bucket's files to (for the page's CSP); Conflict in plain words
    /// when nothing can be uploaded (only read-only users, credentials not issued yet).
    /// </summary>
    Task<Uri> EndpointAsync(string tenant, string bucket, CancellationToken cancellationToken);

    /// <summary>
    /// How this bucket's files go up from a browser at <paramref name="origin"/>: straight to the storage when the bucket's
    /// CORS lets the origin upload, after adding one rule for it with the bucket's read-write credentials (merged with
    /// the rules already there; audited); through the portal when <paramref name="direct"/> is off, or when the storage
    /// refuses the change. Conflict in words when nothing can be uploaded (only read-only users, no credentials yet).
    /// </summary>
    Task<UploadRoute> PrepareAsync(string tenant, string bucket, string origin, bool direct, CancellationToken cancellationToken);

    /// <summary>The streamed fallback for large files: one part of an upload in progress, passed on to the storage.</summary>
    Task<string> UploadPartAsync(string tenant, string bucket, string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>A presigned PUT for one file of <paramref name="size"/> bytes (up to 5 GiB) at <paramref name="key"/>.</summary>
    Task<PresignedRequest> SignPutAsync(string tenant, string bucket, string key, long size, string? contentType, CancellationToken cancellationToken);

    /// <summary>Starts a multipart upload of <paramref name="size"/> bytes and plans its parts.</summary>
    Task<StartedUpload> StartAsync(string tenant, string bucket, string key, long size, string? contentType, CancellationToken cancellationToken);

    /// <summary>Presigned URLs for up to <see cref="UploadLimits.MaxPartsPerSigning"/> parts of an upload in progress.</summary>
    Task<IReadOnlyList<PresignedPart>> SignPartsAsync(string tenant, string bucket, string key, string uploadId, IReadOnlyCollection<int> partNumbers, CancellationToken cancellationToken);

    /// <summary>Completes an upload with the parts' ETags.</summary>
    Task<StoredObject> CompleteAsync(string tenant, string bucket, string key, string uploadId, IReadOnlyCollection<CompletedPart> parts, CancellationToken cancellationToken);

    /// <summary>The browser cancelled its own upload: the storage drops the parts (not audited).</summary>
    Task CancelAsync(string tenant, string bucket, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>Aborts an upload in progress from the list of unfinished uploads; audited.</summary>
    Task AbortAsync(string tenant, string bucket, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>The parts already stored for an upload (to resume after a failure).</summary>
    Task<IReadOnlyList<UploadedPart>> ListPartsAsync(string tenant, string bucket, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>Uploads in progress whose key starts with <paramref name="prefix"/> (up to 1,000).</summary>
    Task<MultipartUploadList> ListUploadsAsync(string tenant, string bucket, string? prefix, CancellationToken cancellationToken);

    /// <summary>Streams <paramref name="content"/> through the portal in bounded memory (the fallback when browsers cannot reach the storage).</summary>
    Task<StoredObject> UploadAsync(string tenant, string bucket, string key, Stream content, string? contentType, CancellationToken cancellationToken);
}

/// <summary>Limits of the upload requests.</summary>
public static class UploadLimits
{
    /// <summary>The most parts one signing request may ask for.</summary>
    public const int MaxPartsPerSigning = 100;

    /// <summary>The largest object a single PUT may carry (S3's limit).</summary>
    public const long MaxSinglePutSize = 5L * 1024 * 1024 * 1024;
}

internal sealed partial class UploadService(
    ICredentialService credentials, IObjectUploads uploads, IAuditLog audit, BucketCorsGuard cors) : IUploadService
{
    public async Task<Uri> EndpointAsync(string tenant, string bucket, CancellationToken cancellationToken) =>
        (await WriteAccessAsync(tenant, bucket, cancellationToken)).Endpoint;

    public async Task<PresignedRequest> SignPutAsync(string tenant, string bucket, string key, long size, string? contentType, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureCreatable(key);
        if (size is < 0 or > UploadLimits.MaxSinglePutSize)
        {
            throw InvalidException.For("size", "A single upload is at most 5 GiB; larger files are uploaded in parts.");
        }
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        return await uploads.PresignPutAsync(access, key, ContentType(contentType), cancellationToken);
    }

    public async Task<StartedUpload> StartAsync(string tenant, string bucket, string key, long size, string? contentType, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureCreatable(key);
        MultipartPlan.PartSizeFor(size);
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        return await uploads.StartMultipartAsync(access, key, size, ContentType(contentType), cancellationToken);
    }

    public async Task<IReadOnlyList<PresignedPart>> SignPartsAsync(
        string tenant, string bucket, string key, string uploadId, IReadOnlyCollection<int> partNumbers, CancellationToken cancellationToken)
    {
        EnsureUpload(key, uploadId);
        if (partNumbers.Count is 0 or > UploadLimits.MaxPartsPerSigning)
        {
            throw InvalidException.For("parts", $"Ask for 1 to {UploadLimits.MaxPartsPerSigning} parts at a time.");
        }
        if (partNumbers.Any(n => n is < 1 or > MultipartPlan.MaxParts))
        {
            throw InvalidException.For("parts", $"Part numbers go from 1 to {MultipartPlan.MaxParts}.");
        }
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        return await uploads.PresignPartsAsync(access, key, uploadId, partNumbers.Distinct().ToList(), cancellationToken);
    }

    public async Task<StoredObject> CompleteAsync(
        string tenant, string bucket, string key, string uploadId, IReadOnlyCollection<CompletedPart> parts, CancellationToken cancellationToken)
    {
        EnsureUpload(key, uploadId);
        if (parts.Count is 0 or > MultipartPlan.MaxParts
            || parts.Any(p => p.PartNumber is < 1 or > MultipartPlan.MaxParts || string.IsNullOrWhiteSpace(p.ETag)))
        {
            throw InvalidException.For("parts", "Every part needs its number (1 to 10,000) and the ETag the storage answered.");
        }
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        return await uploads.CompleteMultipartAsync(access, key, uploadId, parts, cancellationToken);
    }

    public async Task CancelAsync(string tenant, string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        EnsureUpload(key, uploadId);
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        await uploads.AbortMultipartAsync(access, key, uploadId, cancellationToken);
    }

    public async Task AbortAsync(string tenant, string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        EnsureUpload(key, uploadId);
        var target = BucketAudit.Target(bucket, key);
        try
        {
            var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
            await uploads.AbortMultipartAsync(access, key, uploadId, cancellationToken);
        }
        catch (ForbiddenException)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.ObjectUploadAborted, AuditOutcome.Denied, tenant, target), cancellationToken);
            throw;
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectUploadAborted, Tenant: tenant, Target: target, Detail: "unfinished upload aborted"), cancellationToken);
    }

    public async Task<IReadOnlyList<UploadedPart>> ListPartsAsync(string tenant, string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        EnsureUpload(key, uploadId);
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        return await uploads.ListPartsAsync(access, key, uploadId, cancellationToken);
    }

    public async Task<MultipartUploadList> ListUploadsAsync(string tenant, string bucket, string? prefix, CancellationToken cancellationToken)
    {
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        return await uploads.ListMultipartUploadsAsync(access, prefix ?? string.Empty, cancellationToken);
    }

    public async Task<string> UploadPartAsync(
        string tenant, string bucket, string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        EnsureUpload(key, uploadId);
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        return await uploads.UploadPartAsync(access, key, uploadId, partNumber, content, length, cancellationToken);
    }

    public async Task<StoredObject> UploadAsync(string tenant, string bucket, string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureCreatable(key);
        var access = await WriteAccessAsync(tenant, bucket, cancellationToken);
        return await uploads.UploadAsync(access, key, content, ContentType(contentType), progress: null, cancellationToken);
    }

    /// <summary>A read-write credential of the bucket; Conflict in plain words when there is none to use.</summary>
    private async Task<BucketAccess> WriteAccessAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        if (await credentials.StorageAccessAsync(tenant, bucket, write: true, cancellationToken) is { } access)
        {
            return access;
        }
        var users = await credentials.ListAsync(tenant, bucket, cancellationToken);
        if (users.Count > 0 && users.All(u => u.ReadOnly))
        {
            throw new ConflictException(
                $"Bucket {bucket} has only read-only users, so nothing can be uploaded: an admin can add a read-write user on the Access tab.");
        }
        throw new ConflictException($"The credentials of bucket {bucket} are not issued yet; uploads work once the bucket is ready.");
    }

    private static void EnsureUpload(string key, string uploadId)
    {
        ObjectKey.EnsureValid(key);
        if (string.IsNullOrWhiteSpace(uploadId) || uploadId.Length > 1024)
        {
            throw InvalidException.For("uploadId", "The upload id is missing.");
        }
    }

    /// <summary>
    /// A content type the browser reported, when it looks like one (type/subtype, no line breaks). Text without a charset
    /// is stored as UTF-8: browsers report none, and a share link opened later would otherwise be read as Windows-1252.
    /// </summary>
    internal static string? ContentType(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 255 || !text.Contains('/', StringComparison.Ordinal) || text.Any(char.IsControl))
        {
            return null;
        }
        var isText = text.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || text.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || text.Equals("application/xml", StringComparison.OrdinalIgnoreCase);
        return isText && !text.Contains("charset=", StringComparison.OrdinalIgnoreCase) ? text + "; charset=utf-8" : text;
    }
}

/// <summary>Registers <see cref="IUploadService"/>.</summary>
public static class UploadsRegistration
{
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<IUploadService, UploadService>();
        services.AddScoped<BucketCorsGuard>();
        services.AddScoped<IObjectDownloads, ObjectDownloads>();
        return services;
    }
}
