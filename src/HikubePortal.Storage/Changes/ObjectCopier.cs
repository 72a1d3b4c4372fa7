using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Storage.Versions;
using Microsoft.Extensions.Options;

namespace HikubePortal.Storage.Changes;

/// <summary>
/// Server-side copy within a bucket, keeping type and metadata: one CopyObject up to the threshold
/// (5 GiB), else a multipart copy in ranges. The source must still have the ETag read first. Restoring a version is
/// the same copy, from that version onto its own key.
/// </summary>
internal sealed class ObjectCopier(S3Executor executor, IOptions<ObjectStorageOptions> options)
{
    public async Task<StoredObject> CopyAsync(
        BucketAccess access, string sourceKey, string destinationKey, bool overwrite, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureValid(sourceKey, "sourceKey");
        ObjectKey.EnsureCreatable(destinationKey, "destinationKey");
        if (sourceKey == destinationKey)
        {
            throw InvalidException.For("destinationKey", "The new name is the same as the current one.");
        }
        var source = await HeadAsync(access, sourceKey, null, cancellationToken)
            ?? throw new NotFoundException("The object does not exist.");
        if (!overwrite && await HeadAsync(access, destinationKey, null, cancellationToken) is not null)
        {
            throw new ConflictException("An object with the new name exists already.");
        }
        return await CopyFromAsync(access, sourceKey, null, source, destinationKey, cancellationToken);
    }

    /// <summary>Copies version <paramref name="versionId"/> of <paramref name="key"/> over the key: a new latest version.</summary>
    public async Task<StoredObject> RestoreVersionAsync(BucketAccess access, string key, string versionId, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureValid(key);
        VersionIds.EnsureValid(versionId);
        var source = await HeadAsync(access, key, versionId, cancellationToken) // radosgw answers 404 for a delete marker too
            ?? throw new NotFoundException("This version does not exist (any more), or it is a delete marker, which has no content to restore.");
        return await CopyFromAsync(access, key, versionId, source, key, cancellationToken);
    }

    private async Task<StoredObject> CopyFromAsync(BucketAccess access, string sourceKey, string? sourceVersionId,
        GetObjectMetadataResponse source, string destinationKey, CancellationToken cancellationToken)
    {
        if (source.ContentLength <= options.Value.MultipartCopyThreshold)
        {
            var copied = await executor.RunTransferAsync(access, "CopyObject", (client, deadline) => client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = access.BucketName,
                SourceKey = sourceKey,
                SourceVersionId = sourceVersionId,
                DestinationBucket = access.BucketName,
                DestinationKey = destinationKey,
                ETagToMatch = source.ETag,
                MetadataDirective = Amazon.S3.S3MetadataDirective.COPY,
            }, deadline), cancellationToken);
            return new StoredObject(destinationKey, S3Values.Unquote(copied.ETag), source.ContentLength);
        }
        var partSize = Math.Max(options.Value.CopyPartSize, MultipartPlan.MinimumPartSizeFor(source.ContentLength));
        return await new MultipartCopy(executor, access, new(sourceKey, sourceVersionId), destinationKey, source, partSize).RunAsync(cancellationToken);
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(
        BucketAccess access, string key, string? versionId, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.RunAsync(access, "HeadObject", (client, deadline) => client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = access.BucketName, Key = key, VersionId = versionId }, deadline),
                cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
