using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Uploads;

/// <summary>Listing uploads in progress and their parts; checking the parts a browser reports.</summary>
internal static class UploadParts
{
    /// <summary>The reported parts as the SDK wants them: unique numbers in order, ETags quoted.</summary>
    public static List<PartETag> ToPartETags(IReadOnlyCollection<CompletedPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count is 0 or > MultipartPlan.MaxParts
            || parts.Any(p => p is null || p.PartNumber is < 1 or > MultipartPlan.MaxParts || string.IsNullOrWhiteSpace(p.ETag))
            || parts.Select(p => p.PartNumber).Distinct().Count() != parts.Count)
        {
            throw InvalidException.For("parts", "Each part needs a unique number from 1 to 10000 and its ETag.");
        }
        return parts.OrderBy(p => p.PartNumber).Select(p => new PartETag(p.PartNumber, S3Values.Quote(p.ETag))).ToList();
    }

    /// <summary>
    /// The ETag of a just-completed upload: radosgw 16 answers CompleteMultipartUpload with an empty
    /// <c>ETag</c>, so it is read back with a HEAD then.
    /// </summary>
    public static async Task<string?> CompletedETagAsync(
        S3Executor executor, BucketAccess access, string key, string? returned, CancellationToken cancellationToken)
    {
        if (S3Values.Unquote(returned) is { Length: > 0 } etag)
        {
            return etag;
        }
        var head = await executor.RunAsync(access, "HeadObject", (client, deadline) => client.GetObjectMetadataAsync(
            new GetObjectMetadataRequest { BucketName = access.BucketName, Key = key }, deadline), cancellationToken);
        return S3Values.Unquote(head.ETag);
    }

    public static async Task<MultipartUploadList> ListUploadsAsync(
        S3Executor executor, BucketAccess access, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0)
        {
            ObjectKey.EnsureValid(prefix, "prefix");
        }
        var response = await executor.RunAsync(access, "ListMultipartUploads", (client, deadline) => client.ListMultipartUploadsAsync(
            new ListMultipartUploadsRequest { BucketName = access.BucketName, Prefix = prefix, MaxUploads = 1000 },
            deadline), cancellationToken);
        var uploads = (response.MultipartUploads ?? [])
            .Select(u => new MultipartUploadInfo(u.Key, u.UploadId, S3Values.ToOffset(u.Initiated)))
            .ToList();
        return new MultipartUploadList(uploads, response.IsTruncated == true);
    }

    public static async Task<IReadOnlyList<UploadedPart>> ListPartsAsync(
        S3Executor executor, BucketAccess access, string key, string uploadId, CancellationToken cancellationToken)
    {
        var parts = new List<UploadedPart>();
        string? marker = null;
        do
        {
            var request = new ListPartsRequest
            {
                BucketName = access.BucketName, Key = key, UploadId = uploadId, MaxParts = 1000, PartNumberMarker = marker,
            };
            var page = await executor.RunAsync(access, "ListParts", (client, deadline) => client.ListPartsAsync(request, deadline), cancellationToken);
            parts.AddRange((page.Parts ?? []).Select(p =>
                new UploadedPart(p.PartNumber ?? 0, S3Values.Unquote(p.ETag) ?? string.Empty, p.Size ?? 0, S3Values.ToOffset(p.LastModified))));
            marker = page.IsTruncated == true ? page.NextPartNumberMarker?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        while (marker is not null);
        return parts;
    }
}
