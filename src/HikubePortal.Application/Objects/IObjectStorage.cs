using HikubePortal.Application.Common;

namespace HikubePortal.Application.Objects;

/// <summary>
/// Browse, read and change the objects of one bucket, with the credentials given per call.
/// Failures are a <see cref="PortalException"/>; writes with read-only credentials are refused
/// before any request.
/// </summary>
public interface IObjectStorage
{
    /// <summary>One page of a folder from exactly one S3 list request, however big the bucket.</summary>
    Task<ObjectPage> ListAsync(BucketAccess access, ObjectListQuery query, CancellationToken cancellationToken);

    /// <summary>Size, type, ETag, dates, user metadata and tags of an object.</summary>
    Task<ObjectDetails> GetDetailsAsync(BucketAccess access, string key, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="maxBytes"/> bytes (at most 16 MiB) of an object, for a preview.</summary>
    Task<ObjectPreview> ReadPreviewAsync(BucketAccess access, string key, int maxBytes, CancellationToken cancellationToken);

    /// <summary>An object (or a range of it) as a stream, for a download through the portal.</summary>
    Task<ObjectContent> OpenReadAsync(BucketAccess access, string key, ObjectByteRange? range, CancellationToken cancellationToken);

    /// <summary>Creates the folder <paramref name="name"/> in <paramref name="parentPrefix"/> (a zero-byte marker) and returns its prefix.</summary>
    Task<string> CreateFolderAsync(BucketAccess access, string parentPrefix, string name, CancellationToken cancellationToken);

    /// <summary>Deletes one object (no error when it is already gone).</summary>
    Task DeleteAsync(BucketAccess access, string key, CancellationToken cancellationToken);

    /// <summary>Deletes many objects in batches of 1,000, reporting the keys that failed.</summary>
    Task<DeleteResult> DeleteManyAsync(BucketAccess access, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every object whose key starts with <paramref name="prefix"/> (an empty prefix empties
    /// the bucket), page by page, reporting progress after each batch. Cancelling stops between batches.
    /// </summary>
    Task<DeleteResult> DeletePrefixAsync(
        BucketAccess access, string prefix, IProgress<DeleteProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Copies an object within the bucket (multipart copy above 5 GiB), keeping its type and metadata.</summary>
    Task<StoredObject> CopyAsync(
        BucketAccess access, string sourceKey, string destinationKey, bool overwrite, CancellationToken cancellationToken);

    /// <summary>Every key under <paramref name="prefix"/> (folder markers included), in key order, one list request per 1,000.</summary>
    IAsyncEnumerable<string> EnumerateKeysAsync(BucketAccess access, string prefix, CancellationToken cancellationToken);

    /// <summary>Replaces an object's tags (none: removes them). Validate them first (<see cref="ObjectTags"/>).</summary>
    Task SetTagsAsync(BucketAccess access, string key, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken);

    /// <summary>The bucket's CORS rules (none when it has no CORS configuration).</summary>
    Task<IReadOnlyList<CorsRule>> GetCorsAsync(BucketAccess access, CancellationToken cancellationToken);

    /// <summary>Replaces the bucket's CORS rules.</summary>
    Task PutCorsAsync(BucketAccess access, IReadOnlyList<CorsRule> rules, CancellationToken cancellationToken);

    /// <summary>Renames or moves an object: copy, then delete the source.</summary>
    Task<StoredObject> MoveAsync(
        BucketAccess access, string sourceKey, string destinationKey, bool overwrite, CancellationToken cancellationToken);
}
