using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;
using HikubePortal.Storage.Changes;
using HikubePortal.Storage.Reading;

namespace HikubePortal.Storage.Versions;

/// <summary>The S3 implementation of <see cref="IBucketDataStorage"/>: each concern lives in its own class.</summary>
internal sealed class S3BucketDataStorage(
    VersioningSettings versioning, VersionLister lister, ObjectReader reader, ObjectCopier copier, VersionDeleter deleter, LifecycleSettings lifecycle)
    : IBucketDataStorage
{
    public Task<VersioningState> GetVersioningAsync(BucketAccess access, CancellationToken cancellationToken) =>
        versioning.GetAsync(access, cancellationToken);

    public Task SetVersioningAsync(BucketAccess access, VersioningState state, CancellationToken cancellationToken) =>
        versioning.SetAsync(access, state, cancellationToken);

    public Task<ObjectVersionPage> ListVersionsAsync(BucketAccess access, ObjectListQuery query, CancellationToken cancellationToken) =>
        lister.ListAsync(access, query, cancellationToken);

    public Task<IReadOnlyList<ObjectVersionEntry>> ListKeyVersionsAsync(BucketAccess access, string key, int max, CancellationToken cancellationToken) =>
        lister.ListKeyAsync(access, key, max, cancellationToken);

    public Task<ObjectContent> OpenVersionAsync(BucketAccess access, string key, string versionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        return reader.OpenReadAsync(access, key, versionId, null, cancellationToken);
    }

    public Task<StoredObject> RestoreVersionAsync(BucketAccess access, string key, string versionId, CancellationToken cancellationToken) =>
        copier.RestoreVersionAsync(access, key, versionId, cancellationToken);

    public Task DeleteVersionAsync(BucketAccess access, string key, string versionId, CancellationToken cancellationToken) =>
        deleter.DeleteAsync(access, key, versionId, cancellationToken);

    public Task<BucketLifecycle> GetLifecycleAsync(BucketAccess access, CancellationToken cancellationToken) =>
        lifecycle.GetAsync(access, cancellationToken);

    public Task PutLifecycleAsync(BucketAccess access, IReadOnlyList<LifecycleRule> rules, CancellationToken cancellationToken) =>
        lifecycle.PutAsync(access, rules, cancellationToken);

    public Task DeleteLifecycleAsync(BucketAccess access, CancellationToken cancellationToken) =>
        lifecycle.DeleteAsync(access, cancellationToken);
}
