using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using Microsoft.Extensions.Options;

namespace HikubePortal.Storage.Changes;

/// <summary>
/// Server-side copy within a bucket, keeping type and metadata: one CopyObject up to the threshold
/// (5 GiB), else a multipart copy in ranges. The source must still have the ETag read first.
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
        var source = await HeadAsync(access, sourceKey, cancellationToken)
            ?? throw new NotFoundException("The object does not exist.");
        if (!overwrite && await HeadAsync(access, destinationKey, cancellationToken) is not null)
        {
            throw new ConflictException("An object with the new name exists already.");
        }
        if (source.ContentLength <= options.Value.MultipartCopyThreshold)
        {
            var copied = await executor.RunAsync(access, "CopyObject", client => client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = access.BucketName,
                SourceKey = sourceKey,
                DestinationBucket = access.BucketName,
                DestinationKey = destinationKey,
                ETagToMatch = source.ETag,
                MetadataDirective = Amazon.S3.S3MetadataDirective.COPY,
            }, cancellationToken), cancellationToken);
            return new StoredObject(destinationKey, S3Values.Unquote(copied.ETag), source.ContentLength);
        }
        var partSize = Math.Max(options.Value.CopyPartSize, MultipartPlan.MinimumPartSizeFor(source.ContentLength));
        return await new MultipartCopy(executor, access, sourceKey, destinationKey, source, partSize).RunAsync(cancellationToken);
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(BucketAccess access, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.RunAsync(access, "HeadObject", client => client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = access.BucketName, Key = key }, cancellationToken), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
