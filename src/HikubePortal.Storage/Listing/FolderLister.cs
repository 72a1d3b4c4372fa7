using Amazon.S3.Model;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Listing;

/// <summary>One page of a folder per call: exactly one ListObjectsV2 request, whatever the bucket size.</summary>
internal sealed class FolderLister(S3Executor executor)
{
    public async Task<ObjectPage> ListAsync(BucketAccess access, ObjectListQuery query, CancellationToken cancellationToken)
    {
        var scope = ListingScope.Of(query);
        var request = new ListObjectsV2Request
        {
            BucketName = access.BucketName,
            Prefix = scope.S3Prefix,
            Delimiter = "/",
            MaxKeys = query.PageSize,
            ContinuationToken = query.PageToken is { Length: > 0 } token ? PageToken.Decode(token, scope.S3Prefix) : null,
        };
        var response = await executor.RunAsync(
            access, "ListObjectsV2", (client, deadline) => client.ListObjectsV2Async(request, deadline), cancellationToken);

        var folders = scope.Folders(response.CommonPrefixes);
        var objects = (response.S3Objects ?? [])
            .Where(o => !scope.IsFolderMarker(o.Key))
            .Select(o => new ObjectEntry(o.Key, ObjectKey.NameWithin(o.Key, scope.Folder), o.Size ?? 0,
                S3Values.ToOffset(o.LastModified), S3Values.Unquote(o.ETag), o.StorageClass?.Value))
            .ToList();
        var next = response.IsTruncated == true && !string.IsNullOrEmpty(response.NextContinuationToken)
            ? PageToken.Encode(scope.S3Prefix, response.NextContinuationToken)
            : null;
        return new ObjectPage(scope.Folder, scope.Search, query.PageSize, folders, objects, next);
    }
}
