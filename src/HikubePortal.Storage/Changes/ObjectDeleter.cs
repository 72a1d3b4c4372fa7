using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Changes;

/// <summary>Deletes one object, many (DeleteObjects batches of 1,000) or a whole prefix page by page.</summary>
internal sealed class ObjectDeleter(S3Executor executor)
{
    public const int BatchSize = 1000;

    public async Task DeleteAsync(BucketAccess access, string key, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureValid(key);
        await executor.RunAsync(access, "DeleteObject", (client, deadline) => client.DeleteObjectAsync(
            new DeleteObjectRequest { BucketName = access.BucketName, Key = key }, deadline), cancellationToken);
        PortalMetrics.ObjectsDeleted.Add(1);
    }

    public async Task<DeleteResult> DeleteManyAsync(BucketAccess access, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            ObjectKey.EnsureValid(key, "keys");
        }
        var tally = new DeleteTally();
        foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            await DeleteBatchAsync(access, batch, tally, cancellationToken);
        }
        return tally.ToResult();
    }

    public async Task<DeleteResult> DeletePrefixAsync(
        BucketAccess access, string prefix, IProgress<DeleteProgress>? progress, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0)
        {
            ObjectKey.EnsureValid(prefix, "prefix");
        }
        var tally = new DeleteTally();
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new ListObjectsV2Request
            {
                BucketName = access.BucketName, Prefix = prefix, MaxKeys = BatchSize, ContinuationToken = token,
            };
            var page = await executor.RunAsync(
                access, "ListObjectsV2", (client, deadline) => client.ListObjectsV2Async(request, deadline), cancellationToken);
            var keys = (page.S3Objects ?? []).Select(o => o.Key).ToArray();
            if (keys.Length > 0)
            {
                await DeleteBatchAsync(access, keys, tally, cancellationToken);
            }
            progress?.Report(tally.Progress);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (!string.IsNullOrEmpty(token));
        return tally.ToResult();
    }

    private async Task DeleteBatchAsync(BucketAccess access, string[] keys, DeleteTally tally, CancellationToken cancellationToken)
    {
        var request = new DeleteObjectsRequest
        {
            BucketName = access.BucketName,
            Quiet = true,
            Objects = keys.Select(key => new KeyVersion { Key = key }).ToList(),
        };
        var errors = await executor.RunTransferAsync(access, "DeleteObjects", async (client, deadline) =>
        {
            try
            {
                var response = await client.DeleteObjectsAsync(request, deadline);
                return response.DeleteErrors ?? [];
            }
            catch (DeleteObjectsException partial)
            {
                return partial.Response?.DeleteErrors ?? [];
            }
        }, cancellationToken);
        tally.Add(keys.Length, errors);
    }
}
