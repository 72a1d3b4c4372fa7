using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Listing;

/// <summary>One page of a folder per call: exactly one ListObjectsV2 request, whatever the bucket size.</summary>
internal sealed class FolderLister(S3Executor executor)
{
    public async Task<ObjectPage> ListAsync(BucketAccess access, ObjectListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!ObjectListQuery.AllowedPageSizes.Contains(query.PageSize))
        {
            throw InvalidException.For("pageSize", "A page shows 50, 100, 200, 500 or 1,000 entries.");
        }
        var folder = ObjectKey.NormalizeFolder(query.Prefix);
        var search = string.IsNullOrEmpty(query.Search) ? null : query.Search;
        var s3Prefix = folder + search;
        if (s3Prefix.Length > 0)
        {
            ObjectKey.EnsureValid(s3Prefix, search is null ? "prefix" : "search");
        }
        var request = new ListObjectsV2Request
        {
            BucketName = access.BucketName,
            Prefix = s3Prefix,
            Delimiter = "/",
            MaxKeys = query.PageSize,
            ContinuationToken = query.PageToken is { Length: > 0 } token ? PageToken.Decode(token, s3Prefix) : null,
        };
        var response = await executor.RunAsync(
            access, "ListObjectsV2", client => client.ListObjectsV2Async(request, cancellationToken), cancellationToken);

        var folders = (response.CommonPrefixes ?? [])
            .Select(prefix => new FolderEntry(prefix, ObjectKey.NameWithin(prefix, folder)))
            .ToList();
        var objects = (response.S3Objects ?? [])
            .Where(o => folder.Length == 0 || o.Key != folder) // the marker of the folder being listed
            .Select(o => new ObjectEntry(o.Key, ObjectKey.NameWithin(o.Key, folder), o.Size ?? 0,
                S3Values.ToOffset(o.LastModified), S3Values.Unquote(o.ETag), o.StorageClass?.Value))
            .ToList();
        var next = response.IsTruncated == true && !string.IsNullOrEmpty(response.NextContinuationToken)
            ? PageToken.Encode(s3Prefix, response.NextContinuationToken)
            : null;
        return new ObjectPage(folder, search, query.PageSize, folders, objects, next);
    }
}
