using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Objects;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Objects and bytes counted in a bucket, bounded: past <see cref="BucketsOptions.UsageObjectCap"/> objects the
/// count stops and <see cref="Complete"/> is false ("more than N objects, at least X bytes").
/// </summary>
/// <remarks>Empty folder markers are not listed as objects, so a bucket with folders is never empty.</remarks>
public sealed record BucketUsage(long Objects, long Bytes, long Folders, bool Complete)
{
    public bool IsEmpty => Complete && Objects == 0 && Folders == 0;
}

/// <summary>Counts objects through the storage adapter with the bucket's own credentials.</summary>
public interface IBucketUsageService
{
    /// <summary>Role use. Unavailable (in words) when no credentials are issued or the storage cannot be reached.</summary>
    Task<BucketUsage> MeasureAsync(string tenant, string bucket, CancellationToken cancellationToken);
}

internal sealed class BucketUsageService(ICredentialService credentials, IObjectStorage storage, IOptions<BucketsOptions> options) : IBucketUsageService
{
    public async Task<BucketUsage> MeasureAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        var access = await credentials.StorageAccessAsync(tenant, bucket, write: false, cancellationToken)
            ?? throw new UnavailableException($"Bucket {bucket} has no credentials issued yet, so its objects cannot be counted.");
        return await MeasureAsync(storage, access, options.Value.UsageObjectCap, cancellationToken);
    }

    /// <summary>Walks the folders breadth-first, one list request per page of 1,000 entries, until done or past the cap.</summary>
    internal static Task<BucketUsage> MeasureAsync(IObjectStorage storage, BucketAccess access, int cap, CancellationToken cancellationToken) =>
        MeasureAsync(storage, access, cap, [string.Empty], cancellationToken);

    /// <summary>The same, under the folders <paramref name="roots"/> (each empty or ending with <c>/</c>).</summary>
    internal static async Task<BucketUsage> MeasureAsync(IObjectStorage storage, BucketAccess access, int cap, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        long objects = 0, bytes = 0, folderCount = 0;
        var folders = new Queue<string>(roots);
        try
        {
            while (folders.TryDequeue(out var folder))
            {
                string? token = null;
                do
                {
                    var page = await storage.ListAsync(access, new ObjectListQuery(folder, null, 1000, token), cancellationToken);
                    foreach (var entry in page.Objects)
                    {
                        objects++;
                        bytes += entry.Size;
                    }
                    foreach (var sub in page.Folders)
                    {
                        folders.Enqueue(sub.Prefix);
                        folderCount++;
                    }
                    if (objects + folderCount > cap)
                    {
                        return new BucketUsage(objects, bytes, folderCount, Complete: false);
                    }
                    token = page.NextPageToken;
                }
                while (token is not null);
            }
        }
        catch (PortalException ex)
        {
            throw new UnavailableException($"The objects of this bucket could not be counted: {ex.Message}", ex);
        }
        return new BucketUsage(objects, bytes, folderCount, Complete: true);
    }
}
