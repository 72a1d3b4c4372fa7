using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Uploads;

/// <summary>
/// Uploads a stream of unknown length in bounded memory: one part buffer at a time
/// (<see cref="MultipartPlan.StreamingPartSize"/>), a single PUT when the stream fits one part,
/// otherwise a multipart upload that is aborted on failure or cancel.
/// </summary>
internal sealed class StreamUploader(S3Executor executor)
{
    public async Task<StoredObject> UploadAsync(
        BucketAccess access, string key, Stream content, string? contentType, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureCreatable(key);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new PartBuffer();
        var partSize = (int)MultipartPlan.StreamingPartSize(1);
        if (await buffer.FillAsync(content, partSize, cancellationToken) < partSize)
        {
            var put = await executor.RunTransferAsync(access, "PutObject", (client, deadline) => client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = access.BucketName, Key = key, ContentType = contentType, InputStream = buffer.AsStream(),
            }, deadline), cancellationToken);
            progress?.Report(buffer.Filled);
            return new StoredObject(key, S3Values.Unquote(put.ETag), buffer.Filled);
        }
        var uploadId = (await executor.RunAsync(access, "CreateMultipartUpload", (client, deadline) => client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = access.BucketName, Key = key, ContentType = contentType },
            deadline), cancellationToken)).UploadId;
        try
        {
            return await UploadPartsAsync(access, key, uploadId, content, buffer, progress, cancellationToken);
        }
        catch
        {
            await MultipartAbort.QuietlyAsync(executor, access, key, uploadId);
            throw;
        }
    }

    private async Task<StoredObject> UploadPartsAsync(
        BucketAccess access, string key, string uploadId, Stream content, PartBuffer buffer, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var parts = new List<PartETag>();
        long total = 0;
        for (var number = 1; buffer.Filled > 0; number++)
        {
            var part = await executor.RunTransferAsync(access, "UploadPart", (client, deadline) => client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = access.BucketName, Key = key, UploadId = uploadId, PartNumber = number, InputStream = buffer.AsStream(),
            }, deadline), cancellationToken);
            parts.Add(new PartETag(number, part.ETag));
            total += buffer.Filled;
            progress?.Report(total);
            if (number < MultipartPlan.MaxParts)
            {
                await buffer.FillAsync(content, (int)MultipartPlan.StreamingPartSize(number + 1), cancellationToken);
            }
            else if (await buffer.FillAsync(content, 1, cancellationToken) > 0)
            {
                throw InvalidException.For("content", "The file is too large for one object.");
            }
        }
        var done = await executor.RunTransferAsync(access, "CompleteMultipartUpload", (client, deadline) => client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest { BucketName = access.BucketName, Key = key, UploadId = uploadId, PartETags = parts },
            deadline), cancellationToken);
        return new StoredObject(key, await UploadParts.CompletedETagAsync(executor, access, key, done.ETag, cancellationToken), total);
    }
}
