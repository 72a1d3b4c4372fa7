using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;
using HikubePortal.Storage.Listing;

namespace HikubePortal.Storage.Versions;

/// <summary>
/// Versions and delete markers: one page of a folder per call (exactly one ListObjectVersions request, markers in the
/// page token), or every version of one key.
/// </summary>
internal sealed class VersionLister(S3Executor executor)
{
    private const int MaxKeysPerRequest = 1000;

    public async Task<ObjectVersionPage> ListAsync(BucketAccess access, ObjectListQuery query, CancellationToken cancellationToken)
    {
        var scope = ListingScope.Of(query);
        var request = new ListVersionsRequest
        {
            BucketName = access.BucketName,
            Prefix = scope.S3Prefix,
            Delimiter = "/",
            MaxKeys = query.PageSize,
        };
        if (query.PageToken is { Length: > 0 } token)
        {
            (request.KeyMarker, request.VersionIdMarker) = PageToken.DecodeMarkers(token, scope.S3Prefix);
        }
        var response = await ListOnceAsync(access, request, cancellationToken);

        var versions = Entries(response, scope.Folder).Where(v => !scope.IsFolderMarker(v.Key)).ToList();
        var next = response.IsTruncated == true && !string.IsNullOrEmpty(response.NextKeyMarker)
            ? PageToken.EncodeMarkers(scope.S3Prefix, response.NextKeyMarker, response.NextVersionIdMarker)
            : null;
        return new ObjectVersionPage(scope.Folder, scope.Search, query.PageSize, scope.Folders(response.CommonPrefixes), versions, next);
    }

    public async Task<IReadOnlyList<ObjectVersionEntry>> ListKeyAsync(BucketAccess access, string key, int max, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        if (max < 1)
        {
            throw InvalidException.For("max", "List at least one version.");
        }
        var folder = ObjectKey.ParentOf(key);
        var found = new List<ObjectVersionEntry>();
        var request = new ListVersionsRequest { BucketName = access.BucketName, Prefix = key, MaxKeys = Math.Min(max, MaxKeysPerRequest) };
        while (true)
        {
            var response = await ListOnceAsync(access, request, cancellationToken);
            var entries = Entries(response, folder).ToList();
            found.AddRange(entries.TakeWhile(v => v.Key == key).Take(max - found.Count));
            // Keys that merely start with this one sort after it: once one shows, every version of the key was seen.
            if (found.Count >= max || entries.Any(v => v.Key != key) || response.IsTruncated != true)
            {
                return found;
            }
            request.KeyMarker = response.NextKeyMarker;
            request.VersionIdMarker = response.NextVersionIdMarker;
        }
    }

    private Task<ListVersionsResponse> ListOnceAsync(BucketAccess access, ListVersionsRequest request, CancellationToken cancellationToken) =>
        executor.RunAsync(access, "ListObjectVersions", (client, deadline) => client.ListVersionsAsync(request, deadline), cancellationToken);

    // In S3's order: keys in binary order, each key's versions and delete markers newest first.
    private static IEnumerable<ObjectVersionEntry> Entries(ListVersionsResponse response, string folder) =>
        (response.Versions ?? []).Select(v => new ObjectVersionEntry(
            v.Key, ObjectKey.NameWithin(v.Key, folder), v.VersionId ?? "null", v.IsLatest == true, v.IsDeleteMarker == true,
            v.IsDeleteMarker == true ? 0 : v.Size ?? 0, S3Values.ToOffset(v.LastModified),
            v.IsDeleteMarker == true ? null : S3Values.Unquote(v.ETag)));
}
