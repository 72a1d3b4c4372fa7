using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using LifecycleRule = HikubePortal.Application.Versions.LifecycleRule;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Versioning on and suspended, versions paged by folder and by key, restored, deleted for good, and the refusals.</summary>
public sealed class VersionTests(StorageFixture fx, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Versioning_is_off_then_enabled_then_suspended()
    {
        using var client = StorageFixture.NewClient(fx.ReadWrite);
        var bucket = LocalPlatform.UniqueName("ver");
        await client.PutBucketAsync(bucket); // the read-write user owns this one
        var own = fx.ReadWrite with { BucketName = bucket };
        try
        {
            var states = new List<VersioningState> { await fx.Data.GetVersioningAsync(own, default) };
            await fx.Data.SetVersioningAsync(own, VersioningState.Enabled, default);
            states.Add(await fx.Data.GetVersioningAsync(own, default));
            await fx.Data.SetVersioningAsync(own, VersioningState.Suspended, default);
            states.Add(await fx.Data.GetVersioningAsync(own, default));
            var off = await Assert.ThrowsAsync<InvalidException>(() => fx.Data.SetVersioningAsync(own, VersioningState.Off, default));

            Assert.Equal([VersioningState.Off, VersioningState.Enabled, VersioningState.Suspended], states);
            Assert.Equal(["state"], off.Errors.Keys);
            Assert.Equal(VersioningState.Suspended, await fx.Data.GetVersioningAsync(own, default));
        }
        finally
        {
            await StorageFixture.EmptyAsync(client, bucket);
            await client.DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task Paging_returns_every_version_once_in_order_with_one_request_per_page()
    {
        await VersionedAsync();
        var prefix = StorageFixture.NewPrefix();
        var keys = Enumerable.Range(0, 10).Select(i => $"{prefix}file-{i:D2}.txt").ToList();
        var written = new Dictionary<string, List<string>>();
        var started = Stopwatch.GetTimestamp();
        // Versions of one key one after the other (their order is what is checked), the keys side by side.
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (key, token) =>
        {
            var ids = new List<string>();
            for (var v = 0; v < 255; v++)
            {
                ids.Add((await fx.Admin.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = key, ContentBody = $"{v}" }, token)).VersionId);
            }
            lock (written)
            {
                written[key] = ids;
            }
        });
        await fx.Admin.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = prefix + "sub/inside.txt", ContentBody = "x" });
        var marker = (await fx.Admin.DeleteObjectAsync(fx.Bucket, keys[3])).VersionId;
        written[keys[3]].Add(marker);
        output.WriteLine($"wrote {written.Values.Sum(v => v.Count)} versions and delete markers in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        var expected = keys.SelectMany(k => Enumerable.Reverse(written[k]).Select(id => (k, id))).ToList();
        var seen = new List<(string Key, string VersionId)>();
        var folders = new List<string>();
        var latest = new List<ObjectVersionEntry>();
        string? token = null;
        var pages = 0;
        var requestsBefore = StorageCalls.Of("ListObjectVersions");
        var times = new List<double>();
        do
        {
            var t = Stopwatch.GetTimestamp();
            var page = await fx.Data.ListVersionsAsync(fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 100, PageToken: token), default);
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            Assert.InRange(page.Versions.Count + page.Folders.Count, 1, 100);
            seen.AddRange(page.Versions.Select(v => (v.Key, v.VersionId)));
            latest.AddRange(page.Versions.Where(v => v.IsLatest));
            folders.AddRange(page.Folders.Select(f => f.Name));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);
        var requests = StorageCalls.Of("ListObjectVersions") - requestsBefore;
        times.Sort();
        output.WriteLine($"listed {seen.Count} versions and {folders.Count} folder in {pages} pages of 100, {requests} requests; " +
            $"per page p50 {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms, total {times.Sum():F0} ms");

        Assert.Equal(2551, expected.Count);
        Assert.Equal(expected, seen);
        Assert.Equal(["sub"], folders);
        Assert.Equal(pages, requests);
        Assert.InRange(pages, 26, 52);
        Assert.Equal(keys, latest.Select(v => v.Key));
        Assert.Equal([keys[3]], latest.Where(v => v.IsDeleteMarker).Select(v => v.Key));
        Assert.All(latest.Where(v => !v.IsDeleteMarker), v => Assert.Equal((3L, "file"), (v.Size, v.Name[..4]))); // "254"
    }

    [Fact]
    public async Task A_version_page_token_is_refused_for_another_folder_and_as_an_object_page_token()
    {
        await VersionedAsync();
        var prefix = StorageFixture.NewPrefix();
        for (var v = 0; v < 60; v++)
        {
            await fx.Admin.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = prefix + "a.txt", ContentBody = $"{v}" });
        }
        var first = await fx.Data.ListVersionsAsync(fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 50), default);
        Assert.NotNull(first.NextPageToken);

        var elsewhere = await Assert.ThrowsAsync<InvalidException>(() => fx.Data.ListVersionsAsync(
            fx.ReadOnly, new ObjectListQuery(prefix + "other/", PageSize: 50, PageToken: first.NextPageToken), default));
        var objects = await Assert.ThrowsAsync<InvalidException>(() => fx.Storage.ListAsync(
            fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 50, PageToken: first.NextPageToken), default));
        Assert.All([elsewhere, objects], e => Assert.Equal(["pageToken"], e.Errors.Keys));

        var second = await fx.Data.ListVersionsAsync(fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 50, PageToken: first.NextPageToken), default);
        Assert.Equal(10, second.Versions.Count);
        Assert.Null(second.NextPageToken);
    }

    [Fact]
    public async Task Versions_of_one_key_leave_out_keys_that_start_with_it()
    {
        await VersionedAsync();
        var prefix = StorageFixture.NewPrefix();
        var ids = new List<string>();
        for (var v = 0; v < 5; v++)
        {
            ids.Add(await PutAsync(prefix + "report.csv", $"v{v}"));
            await PutAsync(prefix + "report.csv.bak", $"b{v}");
        }
        ids.Reverse();

        var all = await fx.Data.ListKeyVersionsAsync(fx.ReadOnly, prefix + "report.csv", 100, default);
        var three = await fx.Data.ListKeyVersionsAsync(fx.ReadOnly, prefix + "report.csv", 3, default);

        Assert.Equal(ids, all.Select(v => v.VersionId));
        Assert.Equal(ids[..3], three.Select(v => v.VersionId));
        Assert.Equal([true, false, false, false, false], all.Select(v => v.IsLatest));
        Assert.All(all, v => Assert.Equal(("report.csv", 2L), (v.Name, v.Size)));
    }

    [Fact]
    public async Task Restoring_a_version_makes_its_bytes_and_type_current_again_as_a_new_version()
    {
        await VersionedAsync();
        var key = StorageFixture.NewPrefix() + "notes.txt";
        var first = await PutAsync(key, "the first text", "text/markdown");
        var second = await PutAsync(key, "the second text, longer", "text/plain");

        var restored = await fx.Data.RestoreVersionAsync(fx.ReadWrite, key, first, default);

        var versions = await fx.Data.ListKeyVersionsAsync(fx.ReadOnly, key, 10, default);
        Assert.Equal(3, versions.Count);
        Assert.DoesNotContain(versions[0].VersionId, new[] { first, second });
        Assert.Equal([second, first], versions.Skip(1).Select(v => v.VersionId));
        Assert.Equal((key, 14L), (restored.Key, restored.Size));
        Assert.Equal("the first text", await ReadAsync(fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default)));
        Assert.Equal("text/markdown", (await fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default)).ContentType);
        Assert.Equal("the second text, longer", await ReadAsync(fx.Data.OpenVersionAsync(fx.ReadOnly, key, second, default)));
    }

    [Fact]
    public async Task Restoring_a_large_version_copies_it_in_parts()
    {
        await VersionedAsync();
        var data = fx.CreateServices(new Dictionary<string, string?>
        {
            ["MultipartCopyThreshold"] = (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CopyPartSize"] = (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).GetRequiredService<IBucketDataStorage>();
        var key = StorageFixture.NewPrefix() + "video.bin";
        var body = TestStreams.Bytes(12 * 1024 * 1024 + 5, seed: 15);
        var put = new PutObjectRequest { BucketName = fx.Bucket, Key = key, InputStream = new MemoryStream(body), ContentType = "video/mp4" };
        put.Metadata["origin"] = "camera-15";
        string first;
        using (var client = StorageFixture.NewClient(fx.ReadWrite))
        {
            first = (await client.PutObjectAsync(put)).VersionId;
        }
        await PutAsync(key, "overwritten");

        var restored = await data.RestoreVersionAsync(fx.ReadWrite, key, first, default);

        Assert.EndsWith("-3", restored.ETag, StringComparison.Ordinal); // 5 + 5 + 2 MiB parts
        var details = await fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default);
        Assert.Equal((body.Length, "video/mp4", "camera-15"), (details.Size, details.ContentType, details.Metadata["origin"]));
        await using var read = await fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default);
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy);
        Assert.Equal(body, copy.ToArray());
        Assert.Equal(3, (await data.ListKeyVersionsAsync(fx.ReadOnly, key, 10, default)).Count);
        Assert.Empty((await fx.Uploads.ListMultipartUploadsAsync(fx.ReadOnly, key, default)).Uploads);
    }

    [Fact]
    public async Task Deleting_a_version_removes_it_for_good_and_leaves_the_others()
    {
        await VersionedAsync();
        var key = StorageFixture.NewPrefix() + "data.json";
        var ids = new[] { await PutAsync(key, "1"), await PutAsync(key, "22"), await PutAsync(key, "333") };

        await fx.Data.DeleteVersionAsync(fx.ReadWrite, key, ids[1], default);

        var versions = await fx.Data.ListKeyVersionsAsync(fx.ReadOnly, key, 10, default);
        Assert.Equal([ids[2], ids[0]], versions.Select(v => v.VersionId));
        Assert.DoesNotContain(versions, v => v.IsDeleteMarker);
        await Assert.ThrowsAsync<NotFoundException>(() => fx.Data.OpenVersionAsync(fx.ReadOnly, key, ids[1], default));
        Assert.Equal("333", await ReadAsync(fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default)));
    }

    [Fact]
    public async Task Removing_the_delete_marker_brings_the_object_back()
    {
        await VersionedAsync();
        var key = StorageFixture.NewPrefix() + "kept.txt";
        var version = await PutAsync(key, "still here");
        await fx.Storage.DeleteAsync(fx.ReadWrite, key, default);
        await Assert.ThrowsAsync<NotFoundException>(() => fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default));
        var marker = (await fx.Data.ListKeyVersionsAsync(fx.ReadOnly, key, 10, default))[0];
        Assert.Equal((true, true, 0L, (string?)null), (marker.IsDeleteMarker, marker.IsLatest, marker.Size, marker.ETag));

        var restoreMarker = await Assert.ThrowsAsync<NotFoundException>(() => fx.Data.RestoreVersionAsync(fx.ReadWrite, key, marker.VersionId, default));
        Assert.Contains("delete marker", restoreMarker.Message, StringComparison.Ordinal);

        await fx.Data.DeleteVersionAsync(fx.ReadWrite, key, marker.VersionId, default);

        Assert.Equal("still here", await ReadAsync(fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default)));
        var left = Assert.Single(await fx.Data.ListKeyVersionsAsync(fx.ReadOnly, key, 10, default));
        Assert.Equal((version, true, false), (left.VersionId, left.IsLatest, left.IsDeleteMarker));
    }

    public static TheoryData<string> Writes => ["versioning", "restore", "delete-version", "put-lifecycle", "delete-lifecycle"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Changes_with_read_only_credentials_are_refused_before_any_request(string write)
    {
        // An endpoint nothing listens on: a request made anyway would fail as unavailable, not as forbidden.
        var ro = fx.ReadOnly with { Endpoint = new Uri("http://127.0.0.1:9") };
        var error = await Assert.ThrowsAsync<ForbiddenException>(() => write switch
        {
            "versioning" => fx.Data.SetVersioningAsync(ro, VersioningState.Enabled, default),
            "restore" => fx.Data.RestoreVersionAsync(ro, "a.txt", "v1", default),
            "delete-version" => fx.Data.DeleteVersionAsync(ro, "a.txt", "v1", default),
            "put-lifecycle" => fx.Data.PutLifecycleAsync(ro, [new LifecycleRule("r", ExpireCurrentAfterDays: 1)], default),
            "delete-lifecycle" => fx.Data.DeleteLifecycleAsync(ro, default),
            _ => throw new ArgumentOutOfRangeException(nameof(write)),
        });

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_storage_refuses_to_a_user_is_forbidden_with_the_S3_error_inside()
    {
        // The read-only user's bucket policy grants object reads and listings, not the bucket's settings.
        var versioning = await Assert.ThrowsAsync<ForbiddenException>(() => fx.Data.GetVersioningAsync(fx.ReadOnly, default));
        var lifecycle = await Assert.ThrowsAsync<ForbiddenException>(() => fx.Data.GetLifecycleAsync(fx.ReadOnly, default));

        Assert.All([versioning, lifecycle], e => Assert.Equal("AccessDenied", Assert.IsType<AmazonS3Exception>(e.InnerException).ErrorCode));
    }

    private Task VersionedAsync() => fx.Data.SetVersioningAsync(fx.ReadWrite, VersioningState.Enabled, default);

    private async Task<string> PutAsync(string key, string text, string contentType = "text/plain") =>
        (await fx.Admin.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = key, ContentBody = text, ContentType = contentType })).VersionId;

    private static async Task<string> ReadAsync(Task<ObjectContent> opening)
    {
        await using var content = await opening;
        using var reader = new StreamReader(content.Content);
        return await reader.ReadToEndAsync();
    }
}
