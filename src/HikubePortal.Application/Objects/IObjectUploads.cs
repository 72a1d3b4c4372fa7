namespace HikubePortal.Application.Objects;

/// <summary>
/// Uploads: presigned URLs for the browser to send bytes straight to the storage (single PUT or
/// multipart), and a streamed upload through the portal in bounded memory as the fallback.
/// </summary>
public interface IObjectUploads
{
    /// <summary>A presigned PUT for a small file (a single request, up to 5 GiB).</summary>
    Task<PresignedRequest> PresignPutAsync(BucketAccess access, string key, string? contentType, CancellationToken cancellationToken);

    /// <summary>Starts a multipart upload for a file of <paramref name="size"/> bytes and plans its parts.</summary>
    Task<StartedUpload> StartMultipartAsync(
        BucketAccess access, string key, long size, string? contentType, CancellationToken cancellationToken);

    /// <summary>Presigned PUT URLs for parts of an upload in progress.</summary>
    Task<IReadOnlyList<PresignedPart>> PresignPartsAsync(
        BucketAccess access, string key, string uploadId, IReadOnlyCollection<int> partNumbers, CancellationToken cancellationToken);

    /// <summary>Completes an upload with the parts' ETags as the browser reported them.</summary>
    Task<StoredObject> CompleteMultipartAsync(
        BucketAccess access, string key, string uploadId, IReadOnlyCollection<CompletedPart> parts, CancellationToken cancellationToken);

    /// <summary>Aborts an upload; the storage drops its parts. No error when it is already gone.</summary>
    Task AbortMultipartAsync(BucketAccess access, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>Uploads in progress whose key starts with <paramref name="prefix"/> (up to 1,000).</summary>
    Task<MultipartUploadList> ListMultipartUploadsAsync(BucketAccess access, string prefix, CancellationToken cancellationToken);

    /// <summary>The parts the storage holds for an upload in progress, in order.</summary>
    Task<IReadOnlyList<UploadedPart>> ListPartsAsync(
        BucketAccess access, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one part of an upload in progress from a stream of <paramref name="length"/> bytes (the streamed fallback:
    /// the browser posts each part to the portal, which passes it on without holding it whole); answers its ETag.
    /// </summary>
    Task<string> UploadPartAsync(
        BucketAccess access, string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads a stream of unknown length through the portal: one part buffer in memory at a time,
    /// a single PUT when the stream fits one part. Aborts the multipart upload on failure or cancel.
    /// </summary>
    Task<StoredObject> UploadAsync(
        BucketAccess access, string key, Stream content, string? contentType, IProgress<long>? progress, CancellationToken cancellationToken);
}
