using Amazon.S3.Model;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Deleting many keys in batches with per-key errors, and a whole prefix recursively with progress and cancel.</summary>
public sealed class DeleteTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Delete_many_uses_batches_and_reports_each_key_that_failed()
    {
        var prefix = StorageFixture.NewPrefix();
        var free = Enumerable.Range(0, 1500).Select(i => $"{prefix}k{i:D4}").ToList();
        var locked = Enumerable.Range(0, 3).Select(i => $"{StorageFixture.ProtectedPrefix}{prefix}p{i}").ToList();
        await PutAllAsync(free.Concat(locked));

        var result = await fx.Storage.DeleteManyAsync(fx.ReadWrite, [.. free, .. locked, free[0]], default);

        Assert.Equal((1500L, 3L), (result.Deleted, result.FailedCount));
        Assert.Equal(locked, result.Failures.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.All(result.Failures, f => Assert.Equal("AccessDenied", f.Code));
        Assert.Empty(await KeysAsync(prefix));
        Assert.Equal(locked, await KeysAsync(StorageFixture.ProtectedPrefix + prefix));
    }

    [Fact]
    public async Task Delete_prefix_removes_every_nested_key_and_reports_progress_per_batch()
    {
        var prefix = StorageFixture.NewPrefix();
        var keys = Enumerable.Range(0, 2100).Select(i => $"{prefix}{i % 7}/deep/{i % 3}/file-{i}").ToList();
        await PutAllAsync(keys);
        var neighbour = prefix[..^1] + "-neighbour";
        await PutAllAsync([neighbour]);
        var reports = new List<DeleteProgress>();

        var result = await fx.Storage.DeletePrefixAsync(fx.ReadWrite, prefix, new Reports(reports), default);

        Assert.Equal((2100L, 0L), (result.Deleted, result.FailedCount));
        // One report per batch of at most 1,000 (radosgw may list fewer per page), growing to the total.
        Assert.InRange(reports.Count, 3, 6);
        Assert.Equal(2100L, reports[^1].Deleted);
        Assert.All(reports.Zip(reports.Skip(1)), p => Assert.InRange(p.Second.Deleted - p.First.Deleted, 1, 1000));
        Assert.Empty(await KeysAsync(prefix));
        Assert.Equal([neighbour], await KeysAsync(neighbour));
    }

    [Fact]
    public async Task Cancelled_prefix_delete_stops_between_batches()
    {
        var prefix = StorageFixture.NewPrefix();
        await PutAllAsync(Enumerable.Range(0, 2500).Select(i => $"{prefix}f{i:D4}"));
        using var cancel = new CancellationTokenSource();
        var reports = new List<DeleteProgress>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fx.Storage.DeletePrefixAsync(
            fx.ReadWrite, prefix, new Reports(reports, cancel.Cancel), cancel.Token));

        var report = Assert.Single(reports);
        Assert.InRange(report.Deleted, 1, 1000);
        Assert.Equal(2500 - report.Deleted, (await KeysAsync(prefix)).Count);
    }

    private async Task PutAllAsync(IEnumerable<string> keys)
    {
        using var client = StorageFixture.NewClient(fx.ReadWrite);
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, token) =>
            await client.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = key, ContentBody = "x" }, token));
    }

    private async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        ListObjectsV2Response page;
        string? token = null;
        do
        {
            page = await fx.Admin.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fx.Bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
        return keys;
    }

    private sealed class Reports(List<DeleteProgress> reports, Action? after = null) : IProgress<DeleteProgress>
    {
        public void Report(DeleteProgress value)
        {
            reports.Add(value);
            after?.Invoke();
        }
    }
}
