using HikubePortal.Application.Buckets;

namespace HikubePortal.Application.Objects;

/// <summary>
/// The object browser's use cases for the signed-in user (role use and up: browse, download, share, upload and
/// delete objects). Each call resolves the bucket's credentials as the user (impersonated): a read-only user for
/// reads when one exists, a read-write user for writes; writes on a bucket with only read-only users are refused
/// in words. Deletes, moves and share links are audited (never a URL).
/// </summary>
public interface IObjectBrowser
{
    /// <summary>One page of a folder (one S3 request) and whether the bucket can be written.</summary>
    Task<ObjectFolder> ListAsync(string tenant, string bucket, ObjectListQuery query, CancellationToken cancellationToken);

    Task<ObjectDetails> GetDetailsAsync(string tenant, string bucket, string key, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="maxBytes"/> bytes, for a text preview.</summary>
    Task<ObjectPreview> ReadPreviewAsync(string tenant, string bucket, string key, int maxBytes, CancellationToken cancellationToken);

    /// <summary>The object (or a range), streamed through the portal.</summary>
    Task<ObjectContent> OpenReadAsync(string tenant, string bucket, string key, ObjectByteRange? range, CancellationToken cancellationToken);

    /// <summary>A short-lived presigned GET that saves the file; null when the key cannot travel in a URL path.</summary>
    Task<PresignedRequest?> DownloadLinkAsync(string tenant, string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Checks access first (errors before any byte is sent), then gives the writer of the zip.</summary>
    Task<Func<Stream, CancellationToken, Task<ZipSummary>>> PrepareZipAsync(string tenant, string bucket, ZipRequest request, CancellationToken cancellationToken);

    /// <summary>A share link valid for <paramref name="lifetime"/> (1 minute to 7 days); audited without the URL.</summary>
    Task<PresignedRequest> ShareLinkAsync(string tenant, string bucket, string key, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Creates folder <paramref name="name"/> in <paramref name="parentPrefix"/>; returns its prefix.</summary>
    Task<string> CreateFolderAsync(string tenant, string bucket, string parentPrefix, string name, CancellationToken cancellationToken);

    /// <summary>Deletes objects (not folders); audited.</summary>
    Task<DeleteResult> DeleteAsync(string tenant, string bucket, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Renames or moves an object (copy, then delete); never overwrites; audited.</summary>
    Task<StoredObject> MoveAsync(string tenant, string bucket, string sourceKey, string destinationKey, CancellationToken cancellationToken);

    /// <summary>Replaces the tags of an object (an empty list removes them); checked by <see cref="ObjectTags"/>; audited.</summary>
    Task SetTagsAsync(string tenant, string bucket, string key, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken);

    /// <summary>
    /// Moves objects and folders (with everything under them, up to <see cref="ObjectMoves.MaxObjects"/> objects in all)
    /// into <paramref name="destinationFolder"/>, keeping their names; never overwrites; audited. Objects that could not
    /// be moved are listed, the others are moved.
    /// </summary>
    Task<MoveResult> MoveManyAsync(string tenant, string bucket, IReadOnlyList<string> keys, IReadOnlyList<string> folders, string destinationFolder, CancellationToken cancellationToken);

    /// <summary>Objects under the folders, counted up to a cap ("more than N").</summary>
    Task<BucketUsage> CountAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, CancellationToken cancellationToken);

    /// <summary>Queues the recursive delete of folders as a background job; audited. Conflict when a job already runs on the bucket.</summary>
    Task<BucketJobView> StartDeleteFoldersAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, BucketUsage? estimate, CancellationToken cancellationToken);

    /// <summary>A folder-delete job of the bucket, or null.</summary>
    Task<BucketJobView?> GetJobAsync(string tenant, string bucket, Guid id, CancellationToken cancellationToken);
}

/// <summary>What a move of several objects did: how many moved, and those that did not (with why).</summary>
public sealed record MoveResult(int Moved, IReadOnlyList<MoveFailure> Failures);

/// <summary>An object that was not moved, and why in words.</summary>
public sealed record MoveFailure(string Key, string Message);

/// <summary>
/// A page of a folder, whether the user may write to the bucket (a read-write user's credentials exist), and the
/// storage endpoint of the bucket (what browsers upload to and download from).
/// </summary>
public sealed record ObjectFolder(ObjectPage Page, bool CanWrite, Uri? Endpoint = null);
