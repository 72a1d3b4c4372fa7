using System.Diagnostics;
using Amazon.S3.Model;
using HikubePortal.Application.Versions;
using HikubePortal.Testing;
using Xunit.Abstractions;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>
/// Rules written by the portal are carried out by radosgw: on an instance where a lifecycle "day" lasts seconds
/// (<see cref="LifecycleFactAttribute"/>), a current object expires, an older version is removed and an unfinished
/// upload is aborted, each within a bounded wait whose length goes to the test output.
/// </summary>
public sealed class LifecycleActsTests(StorageFixture fx, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [LifecycleFact]
    public async Task Expiry_older_versions_and_unfinished_uploads_are_carried_out()
    {
        var prefix = StorageFixture.NewPrefix();
        await fx.Data.SetVersioningAsync(fx.ReadWrite, VersioningState.Enabled, default);
        await fx.Data.PutLifecycleAsync(fx.ReadWrite,
        [
            new("expire", Prefix: prefix + "expire/", ExpireCurrentAfterDays: 1),
            new("noncurrent", Prefix: prefix + "noncurrent/", ExpireNoncurrentAfterDays: 1),
            new("abort", Prefix: prefix + "uploads/", AbortIncompleteUploadsAfterDays: 1),
        ], default);
        var expiring = prefix + "expire/a.txt";
        var replaced = prefix + "noncurrent/b.txt";
        var unfinished = prefix + "uploads/c.bin";
        var started = Stopwatch.GetTimestamp();
        await Put(expiring, "soon gone");
        var older = await Put(replaced, "first");
        var newer = await Put(replaced, "second");
        await fx.Admin.InitiateMultipartUploadAsync(fx.Bucket, unfinished);
        await Put(prefix + "other.txt", "no rule"); // outside every rule: stays

        var waits = await Task.WhenAll(
            WaitAsync("current object expired", started, async () =>
                (await ListAsync(expiring)) is [{ IsDeleteMarker: true }, ..]),
            WaitAsync("older version removed", started, async () =>
                (await ListAsync(replaced)).Select(v => v.VersionId).SequenceEqual([newer])),
            WaitAsync("unfinished upload aborted", started, async () =>
                (await fx.Admin.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = fx.Bucket, Prefix = unfinished }))
                    .MultipartUploads is null or []));

        output.WriteLine($"a lifecycle day lasts {LocalPlatform.LifecycleDaySeconds} s on this radosgw; rules act after one day:");
        foreach (var wait in waits)
        {
            output.WriteLine(wait);
        }
        Assert.Equal(newer, Assert.Single(await ListAsync(replaced)).VersionId);
        Assert.DoesNotContain(older, (await ListAsync(replaced)).Select(v => v.VersionId));
        Assert.Single(await ListAsync(prefix + "other.txt"));
        await fx.Data.DeleteLifecycleAsync(fx.ReadWrite, default);
    }

    private static async Task<string> WaitAsync(string what, long started, Func<Task<bool>> done)
    {
        while (!await done())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < Patience, $"{what}: not after {Patience.TotalMinutes} minutes");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return $"  {what} after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s";
    }

    private async Task<string> Put(string key, string text) =>
        (await fx.Admin.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = key, ContentBody = text })).VersionId;

    // The raw client: the adapter's own ListObjectVersions calls are counted by VersionTests.
    private async Task<List<S3ObjectVersion>> ListAsync(string key) =>
        [.. ((await fx.Admin.ListVersionsAsync(new ListVersionsRequest { BucketName = fx.Bucket, Prefix = key })).Versions ?? [])
            .Where(v => v.Key == key)];
}
