using HikubePortal.Application.Objects;

namespace HikubePortal.Application.Versions;

/// <summary>
/// The S3 side of a bucket's data management, with the credentials given per call: versioning, object versions and
/// lifecycle rules. Failures are a <see cref="Common.PortalException"/>; a refusal of the platform (AccessDenied,
/// NotImplemented) is a <see cref="Common.ForbiddenException"/> or an <see cref="Common.InvalidException"/> whose inner
/// exception carries the S3 error code. Changes with read-only credentials are refused before any request.
/// </summary>
public interface IBucketDataStorage
{
    /// <summary>The bucket's versioning state (Off when it was never turned on).</summary>
    Task<VersioningState> GetVersioningAsync(BucketAccess access, CancellationToken cancellationToken);

    /// <summary>Turns versioning on (<see cref="VersioningState.Enabled"/>) or suspends it; Off cannot be set back in S3.</summary>
    Task SetVersioningAsync(BucketAccess access, VersioningState state, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the versions and delete markers in a folder (delimiter <c>/</c>, so sub-folders are listed as
    /// folders), from exactly one <c>ListObjectVersions</c> request; the page token carries the key and version-id markers.
    /// </summary>
    Task<ObjectVersionPage> ListVersionsAsync(BucketAccess access, ObjectListQuery query, CancellationToken cancellationToken);

    /// <summary>The versions and delete markers of exactly one key, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<ObjectVersionEntry>> ListKeyVersionsAsync(BucketAccess access, string key, int max, CancellationToken cancellationToken);

    /// <summary>One version of an object, streamed.</summary>
    Task<ObjectContent> OpenVersionAsync(BucketAccess access, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>Copies version <paramref name="versionId"/> over the current object (multipart copy above 5 GiB), which makes a new latest version.</summary>
    Task<StoredObject> RestoreVersionAsync(BucketAccess access, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>Deletes one version or delete marker for good (removing the latest delete marker brings the object back).</summary>
    Task DeleteVersionAsync(BucketAccess access, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>The bucket's lifecycle rules: those the editor understands, and the others as the storage returned them.</summary>
    Task<BucketLifecycle> GetLifecycleAsync(BucketAccess access, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="rules"/> (already validated by <see cref="LifecycleRules"/>) together with the bucket's
    /// current rules the editor does not understand, kept as they are. With no rule left at all, the configuration is deleted.
    /// </summary>
    Task PutLifecycleAsync(BucketAccess access, IReadOnlyList<LifecycleRule> rules, CancellationToken cancellationToken);

    /// <summary>Removes every lifecycle rule of the bucket (those of other tools too).</summary>
    Task DeleteLifecycleAsync(BucketAccess access, CancellationToken cancellationToken);
}

/// <summary>A bucket's versioning: never turned on, on, or suspended (versions kept, new writes replace the "null" version).</summary>
public enum VersioningState
{
    Off,
    Enabled,
    Suspended,
}

/// <summary>
/// A version or a delete marker of an object. <paramref name="VersionId"/> is <c>null</c> (the string) for an object
/// written while versioning was off or suspended. A delete marker has size 0 and no ETag.
/// </summary>
public sealed record ObjectVersionEntry(
    string Key,
    string Name,
    string VersionId,
    bool IsLatest,
    bool IsDeleteMarker,
    long Size,
    DateTimeOffset? LastModified,
    string? ETag);

/// <summary>One page of versions in a folder, in key order then newest first; <paramref name="NextPageToken"/> is opaque, null on the last page.</summary>
public sealed record ObjectVersionPage(
    string Prefix,
    string? Search,
    int PageSize,
    IReadOnlyList<FolderEntry> Folders,
    IReadOnlyList<ObjectVersionEntry> Versions,
    string? NextPageToken);

/// <summary>
/// A lifecycle rule of the kinds the portal's editor writes. The filter is the whole bucket, a <paramref name="Prefix"/>
/// or one tag (<paramref name="TagKey"/> = <paramref name="TagValue"/>), never both. Each action is optional, at least one is set.
/// </summary>
public sealed record LifecycleRule(
    string Id,
    bool Enabled = true,
    string? Prefix = null,
    string? TagKey = null,
    string? TagValue = null,
    int? ExpireCurrentAfterDays = null,
    int? ExpireNoncurrentAfterDays = null,
    int? KeepNewestNoncurrent = null,
    bool RemoveExpiredDeleteMarkers = false,
    int? AbortIncompleteUploadsAfterDays = null);

/// <summary>A rule written by another tool that the editor does not understand: shown read-only, kept on save.</summary>
public sealed record ForeignLifecycleRule(string? Id, bool Enabled, string Xml);

/// <summary>A bucket's lifecycle configuration, split into what the editor understands and what it keeps as is.</summary>
public sealed record BucketLifecycle(IReadOnlyList<LifecycleRule> Rules, IReadOnlyList<ForeignLifecycleRule> Foreign)
{
    public static BucketLifecycle None { get; } = new([], []);

    public bool IsEmpty => Rules.Count == 0 && Foreign.Count == 0;
}
