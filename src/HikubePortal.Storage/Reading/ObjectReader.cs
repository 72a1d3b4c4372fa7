using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Reading;

/// <summary>Object details (HEAD + tags), bounded previews (one ranged GET) and streamed reads.</summary>
internal sealed class ObjectReader(S3Executor executor)
{
    public const int MaxPreviewBytes = 16 * 1024 * 1024;

    public async Task<ObjectDetails> GetDetailsAsync(BucketAccess access, string key, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var head = await executor.RunAsync(access, "HeadObject", (client, deadline) => client.GetObjectMetadataAsync(
            new GetObjectMetadataRequest { BucketName = access.BucketName, Key = key }, deadline), cancellationToken);
        var metadata = head.Metadata.Keys.ToDictionary(
            k => k.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? k["x-amz-meta-".Length..] : k,
            k => head.Metadata[k], StringComparer.OrdinalIgnoreCase);
        return new ObjectDetails(key, head.ContentLength, head.Headers.ContentType, S3Values.Unquote(head.ETag),
            S3Values.ToOffset(head.LastModified), head.StorageClass?.Value, metadata,
            await TryGetTagsAsync(access, key, cancellationToken));
    }

    public async Task<ObjectPreview> ReadPreviewAsync(BucketAccess access, string key, int maxBytes, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        if (maxBytes is < 1 or > MaxPreviewBytes)
        {
            throw InvalidException.For("maxBytes", "A preview reads 1 byte to 16 MiB.");
        }
        try
        {
            await using var content = await OpenReadAsync(access, key, new ObjectByteRange(0, maxBytes - 1), cancellationToken);
            var buffer = new byte[Math.Min(content.Length, maxBytes)];
            await content.Content.ReadExactlyAsync(buffer, cancellationToken);
            var total = TotalFromContentRange(content.ContentRange) ?? content.Length;
            return new ObjectPreview(buffer, total, content.ContentType, total > buffer.Length);
        }
        catch (InvalidException e) when (e.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.RequestedRangeNotSatisfiable })
        {
            // A range of an empty object is unsatisfiable: the preview is empty.
            var details = await GetDetailsAsync(access, key, cancellationToken);
            return new ObjectPreview([], details.Size, details.ContentType, false);
        }
    }

    public Task<ObjectContent> OpenReadAsync(BucketAccess access, string key, ObjectByteRange? range, CancellationToken cancellationToken) =>
        OpenReadAsync(access, key, null, range, cancellationToken);

    /// <summary>The object, or one version of it (<paramref name="versionId"/> null: the current one), streamed.</summary>
    public async Task<ObjectContent> OpenReadAsync(
        BucketAccess access, string key, string? versionId, ObjectByteRange? range, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        if (versionId is not null)
        {
            Versions.VersionIds.EnsureValid(versionId);
        }
        if (range is not null && (range.From < 0 || range.To < range.From))
        {
            throw InvalidException.For("range", "The byte range is not valid.");
        }
        var lease = executor.Rent(access);
        try
        {
            var request = new GetObjectRequest { BucketName = access.BucketName, Key = key, VersionId = versionId };
            if (range is not null)
            {
                request.ByteRange = range.To is { } to ? new ByteRange(range.From, to) : new ByteRange($"bytes={range.From}-");
            }
            // Only the answer has a deadline: the bytes then stream for as long as the download takes.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(executor.ReadTimeout);
            var response = await lease.Client.GetObjectAsync(request, deadline.Token);
            return new ObjectContent(response.ResponseStream, response.ContentLength,
                response.Headers.ContentType ?? "application/octet-stream", S3Values.Unquote(response.ETag),
                S3Values.ToOffset(response.LastModified), response.ContentRange, new Owners(response, lease));
        }
        catch (Exception e)
        {
            lease.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw executor.Translate(e, access, "GetObject");
        }
    }

    private async Task<IReadOnlyDictionary<string, string>?> TryGetTagsAsync(BucketAccess access, string key, CancellationToken cancellationToken)
    {
        try
        {
            var tagging = await executor.RunAsync(access, "GetObjectTagging", (client, deadline) => client.GetObjectTaggingAsync(
                new GetObjectTaggingRequest { BucketName = access.BucketName, Key = key }, deadline), cancellationToken);
            return (tagging.Tagging ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is ForbiddenException or InvalidException)
        {
            return null; // the credentials (or the storage) do not offer tags
        }
    }

    private static long? TotalFromContentRange(string? contentRange) =>
        contentRange?.LastIndexOf('/') is int slash && slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), out var total)
            ? total
            : null;

    private sealed class Owners(GetObjectResponse response, IDisposable lease) : IDisposable
    {
        public void Dispose()
        {
            response.Dispose();
            lease.Dispose();
        }
    }
}
