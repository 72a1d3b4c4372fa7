using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Storage.Links;
using Microsoft.Extensions.Options;

namespace HikubePortal.Storage.Uploads;

/// <summary>Browser uploads straight to S3 (presigned PUT, presigned multipart parts) and the streamed fallback.</summary>
internal sealed class S3ObjectUploads(
    S3Executor executor, Presigner presigner, StreamUploader streamer, StreamedParts gate, IOptions<ObjectStorageOptions> options) : IObjectUploads
{
    private const int MaxPartsPerCall = 1000;

    public Task<PresignedRequest> PresignPutAsync(BucketAccess access, string key, string? contentType, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureCreatable(key);
        return presigner.SignAsync(access, key, HttpVerb.PUT, options.Value.UploadLinkLifetime,
            request => request.ContentType = string.IsNullOrWhiteSpace(contentType) ? null : contentType, cancellationToken);
    }

    public async Task<StartedUpload> StartMultipartAsync(
        BucketAccess access, string key, long size, string? contentType, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureCreatable(key);
        var partSize = MultipartPlan.PartSizeFor(size);
        var started = await executor.RunAsync(access, "CreateMultipartUpload", (client, deadline) => client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest
            {
                BucketName = access.BucketName, Key = key, ContentType = string.IsNullOrWhiteSpace(contentType) ? null : contentType,
            }, deadline), cancellationToken);
        return new StartedUpload(key, started.UploadId, partSize, MultipartPlan.PartCount(size, partSize));
    }

    public async Task<IReadOnlyList<PresignedPart>> PresignPartsAsync(
        BucketAccess access, string key, string uploadId, IReadOnlyCollection<int> partNumbers, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureCreatable(key);
        EnsureUploadId(uploadId);
        ArgumentNullException.ThrowIfNull(partNumbers);
        if (partNumbers.Count is 0 or > MaxPartsPerCall || partNumbers.Any(n => n is < 1 or > MultipartPlan.MaxParts))
        {
            throw InvalidException.For("partNumbers", "Part numbers go from 1 to 10000, at most 1000 per request.");
        }
        var parts = new List<PresignedPart>(partNumbers.Count);
        foreach (var number in partNumbers.Distinct())
        {
            var signed = await presigner.SignAsync(access, key, HttpVerb.PUT, options.Value.UploadLinkLifetime, request =>
            {
                request.UploadId = uploadId;
                request.PartNumber = number;
            }, cancellationToken);
            parts.Add(new PresignedPart(number, signed.Url, signed.ExpiresAt));
        }
        return parts;
    }

    public async Task<StoredObject> CompleteMultipartAsync(
        BucketAccess access, string key, string uploadId, IReadOnlyCollection<CompletedPart> parts, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureCreatable(key);
        EnsureUploadId(uploadId);
        var etags = UploadParts.ToPartETags(parts);
        var done = await executor.RunTransferAsync(access, "CompleteMultipartUpload", (client, deadline) => client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest { BucketName = access.BucketName, Key = key, UploadId = uploadId, PartETags = etags },
            deadline), cancellationToken);
        return new StoredObject(key, await UploadParts.CompletedETagAsync(executor, access, key, done.ETag, cancellationToken), null);
    }

    public async Task AbortMultipartAsync(BucketAccess access, string key, string uploadId, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureValid(key);
        EnsureUploadId(uploadId);
        try
        {
            await executor.RunAsync(access, "AbortMultipartUpload", (client, deadline) => client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = access.BucketName, Key = key, UploadId = uploadId },
                deadline), cancellationToken);
        }
        catch (NotFoundException)
        {
            // Already completed or aborted: nothing left to clean.
        }
    }

    public async Task<string> UploadPartAsync(
        BucketAccess access, string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureCreatable(key);
        EnsureUploadId(uploadId);
        ArgumentNullException.ThrowIfNull(content);
        if (partNumber is < 1 or > MultipartPlan.MaxParts || length is < 0 or > MultipartPlan.MaxStreamingPartSize)
        {
            throw InvalidException.For("part", "Part numbers go from 1 to 10000 and a part sent through the portal holds at most 1 GiB.");
        }
        // The SDK signs the part's bytes before it sends them, so it needs them at hand: one pooled buffer per part, and
        // a bounded number of parts passing through at once (the portal's memory stays bounded however many upload).
        using var slot = await gate.EnterAsync(cancellationToken);
        using var buffer = new PartBuffer();
        if (await buffer.FillAsync(content, (int)length, cancellationToken) != length || await content.ReadAsync(new byte[1], cancellationToken) != 0)
        {
            throw InvalidException.For("part", "The part's bytes do not match its length.");
        }
        var part = await executor.RunTransferAsync(access, "UploadPart", (client, deadline) => client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = access.BucketName,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            InputStream = buffer.AsStream(),
        }, deadline), cancellationToken);
        return S3Values.Unquote(part.ETag) ?? throw new UnavailableException("The storage did not answer the part's ETag.");
    }

    public Task<MultipartUploadList> ListMultipartUploadsAsync(BucketAccess access, string prefix, CancellationToken cancellationToken) =>
        UploadParts.ListUploadsAsync(executor, access, prefix, cancellationToken);

    public Task<IReadOnlyList<UploadedPart>> ListPartsAsync(
        BucketAccess access, string key, string uploadId, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        EnsureUploadId(uploadId);
        return UploadParts.ListPartsAsync(executor, access, key, uploadId, cancellationToken);
    }

    public Task<StoredObject> UploadAsync(
        BucketAccess access, string key, Stream content, string? contentType, IProgress<long>? progress, CancellationToken cancellationToken) =>
        streamer.UploadAsync(access, key, content, contentType, progress, cancellationToken);

    private static void EnsureUploadId(string uploadId)
    {
        if (string.IsNullOrWhiteSpace(uploadId) || uploadId.Length > 1024)
        {
            throw InvalidException.For("uploadId", "The upload id is missing or not valid.");
        }
    }
}
