using Amazon.S3.Model;
using HikubePortal.Application.Objects;
using HikubePortal.Storage.Uploads;

namespace HikubePortal.Storage.Changes;

/// <summary>
/// A multipart copy of one object or one version of it (above 5 GiB S3 refuses a single CopyObject): a new upload with
/// the source's headers and metadata, UploadPartCopy for each range (a few in parallel), complete, and abort on any
/// failure so no parts are left behind.
/// </summary>
internal sealed class MultipartCopy(
    S3Executor executor, BucketAccess access, CopySource from, string destinationKey, GetObjectMetadataResponse source, long partSize)
{
    private const int Parallelism = 4;

    public async Task<StoredObject> RunAsync(CancellationToken cancellationToken)
    {
        var start = new InitiateMultipartUploadRequest
        {
            BucketName = access.BucketName,
            Key = destinationKey,
            ContentType = source.Headers.ContentType,
        };
        start.Headers.ContentDisposition = source.Headers.ContentDisposition;
        start.Headers.ContentEncoding = source.Headers.ContentEncoding;
        start.Headers.CacheControl = source.Headers.CacheControl;
        foreach (var name in source.Metadata.Keys)
        {
            start.Metadata[name] = source.Metadata[name];
        }
        var uploadId = (await executor.RunAsync(access, "CreateMultipartUpload",
            (client, deadline) => client.InitiateMultipartUploadAsync(start, deadline), cancellationToken)).UploadId;
        try
        {
            var count = MultipartPlan.PartCount(source.ContentLength, partSize);
            var etags = new PartETag[count];
            await Parallel.ForEachAsync(Enumerable.Range(1, count),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (number, token) => etags[number - 1] = await CopyPartAsync(uploadId, number, token));
            var done = await executor.RunTransferAsync(access, "CompleteMultipartUpload", (client, deadline) => client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = access.BucketName, Key = destinationKey, UploadId = uploadId, PartETags = etags.ToList(),
                }, deadline), cancellationToken);
            var etag = await UploadParts.CompletedETagAsync(executor, access, destinationKey, done.ETag, cancellationToken);
            return new StoredObject(destinationKey, etag, source.ContentLength);
        }
        catch
        {
            await MultipartAbort.QuietlyAsync(executor, access, destinationKey, uploadId);
            throw;
        }
    }

    private async Task<PartETag> CopyPartAsync(string uploadId, int number, CancellationToken cancellationToken)
    {
        var first = (number - 1) * partSize;
        var last = Math.Min(first + partSize, source.ContentLength) - 1;
        var part = await executor.RunTransferAsync(access, "UploadPartCopy", (client, deadline) => client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = access.BucketName,
            SourceKey = from.Key,
            SourceVersionId = from.VersionId,
            DestinationBucket = access.BucketName,
            DestinationKey = destinationKey,
            UploadId = uploadId,
            PartNumber = number,
            FirstByte = first,
            LastByte = last,
            ETagToMatch = [source.ETag],
        }, deadline), cancellationToken);
        return new PartETag(number, part.ETag);
    }
}

/// <summary>What a copy reads: a key, and one version of it (null: the current one).</summary>
internal sealed record CopySource(string Key, string? VersionId);
