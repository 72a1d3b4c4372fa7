using HikubePortal.Application.Objects;
using HikubePortal.Storage.Changes;
using HikubePortal.Storage.Listing;
using HikubePortal.Storage.Reading;
using HikubePortal.Storage.Settings;

namespace HikubePortal.Storage;

/// <summary>The S3 implementation of <see cref="IObjectStorage"/>: each concern lives in its own class.</summary>
internal sealed class S3ObjectStorage(
    FolderLister lister, ObjectReader reader, FolderCreator folders, ObjectDeleter deleter, ObjectCopier copier, BucketSettings settings,
    Archive.KeyEnumerator keys)
    : IObjectStorage
{
    public Task<ObjectPage> ListAsync(BucketAccess access, ObjectListQuery query, CancellationToken cancellationToken) =>
        lister.ListAsync(access, query, cancellationToken);

    public Task<ObjectDetails> GetDetailsAsync(BucketAccess access, string key, CancellationToken cancellationToken) =>
        reader.GetDetailsAsync(access, key, cancellationToken);

    public Task<ObjectPreview> ReadPreviewAsync(BucketAccess access, string key, int maxBytes, CancellationToken cancellationToken) =>
        reader.ReadPreviewAsync(access, key, maxBytes, cancellationToken);

    public Task<ObjectContent> OpenReadAsync(BucketAccess access, string key, ObjectByteRange? range, CancellationToken cancellationToken) =>
        reader.OpenReadAsync(access, key, range, cancellationToken);

    public Task<string> CreateFolderAsync(BucketAccess access, string parentPrefix, string name, CancellationToken cancellationToken) =>
        folders.CreateAsync(access, parentPrefix, name, cancellationToken);

    public Task DeleteAsync(BucketAccess access, string key, CancellationToken cancellationToken) =>
        deleter.DeleteAsync(access, key, cancellationToken);

    public Task<DeleteResult> DeleteManyAsync(BucketAccess access, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        deleter.DeleteManyAsync(access, keys, cancellationToken);

    public Task<DeleteResult> DeletePrefixAsync(
        BucketAccess access, string prefix, IProgress<DeleteProgress>? progress, CancellationToken cancellationToken) =>
        deleter.DeletePrefixAsync(access, prefix, progress, cancellationToken);

    public Task<StoredObject> CopyAsync(
        BucketAccess access, string sourceKey, string destinationKey, bool overwrite, CancellationToken cancellationToken) =>
        copier.CopyAsync(access, sourceKey, destinationKey, overwrite, cancellationToken);

    public IAsyncEnumerable<string> EnumerateKeysAsync(BucketAccess access, string prefix, CancellationToken cancellationToken) =>
        keys.EnumerateAsync(access, new ZipRequest(prefix, [], [prefix]), cancellationToken);

    public Task SetTagsAsync(BucketAccess access, string key, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken) =>
        settings.SetTagsAsync(access, key, tags, cancellationToken);

    public Task<IReadOnlyList<CorsRule>> GetCorsAsync(BucketAccess access, CancellationToken cancellationToken) =>
        settings.GetCorsAsync(access, cancellationToken);

    public Task PutCorsAsync(BucketAccess access, IReadOnlyList<CorsRule> rules, CancellationToken cancellationToken) =>
        settings.PutCorsAsync(access, rules, cancellationToken);

    public async Task<StoredObject> MoveAsync(
        BucketAccess access, string sourceKey, string destinationKey, bool overwrite, CancellationToken cancellationToken)
    {
        var copied = await copier.CopyAsync(access, sourceKey, destinationKey, overwrite, cancellationToken);
        await deleter.DeleteAsync(access, sourceKey, cancellationToken);
        return copied;
    }
}
