using System.Net;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>The shared per-tenant caches: one per namespace, synced before use, stopped when unused.</summary>
public sealed class BucketWatchCachesTests
{
    /// <summary>The caches on <paramref name="handler"/>; the Workloads' list and watch get <paramref name="workloads"/> (default: none, quiet).</summary>
    private static BucketWatchCaches Caches(FakeKubernetesHandler handler, TimeSpan? readTimeout = null, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>? workloads = null)
    {
        handler.Route(IsWorkloads, workloads ?? ((r, _) => Task.FromResult(r.Query("watch") is null ? List() : FakeKubernetesHandler.Stream(new QuietStream()))));
        return new(FakeKubernetesHandler.Client(handler), ns => new Impersonation("hikube-portal:bucket-watch", $"{ns}-view"),
            Options.Create(new KubernetesOptions { ReadTimeout = readTimeout ?? TimeSpan.FromSeconds(10) }), TimeProvider.System, NullLoggerFactory.Instance);
    }

    private static bool IsWorkloads(RecordedRequest request) => request.Path.EndsWith("/workloads", StringComparison.Ordinal);

    private static HttpResponseMessage List(params string[] names) => FakeKubernetesHandler.Json(HttpStatusCode.OK,
        $$"""{"metadata":{"resourceVersion":"5"},"items":[{{string.Join(",", names.Select(n => $$$"""{"metadata":{"name":"{{{n}}}","namespace":"tenant-a","resourceVersion":"4"}}"""))}}]}""");

    [Fact]
    public async Task One_cache_per_namespace_serves_every_page_after_one_list()
    {
        var handler = new FakeKubernetesHandler().Respond(_ => List("b", "a")).RespondAsync(FakeKubernetesHandler.HangAsync);
        using var caches = Caches(handler);

        var first = await caches.OpenSyncedAsync("tenant-a", default);
        var second = await caches.OpenSyncedAsync("tenant-a", default);

        Assert.Same(first, second);
        Assert.Equal(["a", "b"], first.Buckets.Select(b => b.Name));
        Assert.NotNull(first.Find("b"));
        Assert.Null(first.Find("c"));
        Assert.Equal(1, caches.OpenCount);
        Assert.Equal(["hikube-portal:bucket-watch"], handler.Requests[0].Header("Impersonate-User"));
        Assert.Equal(["tenant-a-view"], handler.Requests[0].Header("Impersonate-Group"));
        Assert.Single(handler.Requests, r => r.Query("watch") is null && !IsWorkloads(r)); // one list, then the watch
        // The sizes are listed beside the buckets, not before the cache answers: wait for that request.
        Assert.True(SpinWait.SpinUntil(() => handler.Requests.Any(IsWorkloads), TimeSpan.FromSeconds(5)), "the workloads were never listed");
        Assert.Equal(["tenant-a-view"], handler.Requests.First(IsWorkloads).Header("Impersonate-Group")); // the sizes, as the same group
    }

    [Fact]
    public async Task A_cache_that_cannot_list_answers_with_the_failure_in_time()
    {
        var handler = new FakeKubernetesHandler { Fallback = _ => FakeKubernetesHandler.Json(HttpStatusCode.Forbidden, FakeKubernetesHandler.StatusJson(403, "Forbidden", "no list for you")) };
        using var caches = Caches(handler, readTimeout: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => caches.OpenSyncedAsync("tenant-a", default));

        Assert.Contains("no list for you", error.Message, StringComparison.Ordinal);
        Assert.NotNull(caches.Open("tenant-a").FailingSince);
    }

    [Fact]
    public async Task A_view_derived_from_the_cache_is_made_once_per_change()
    {
        var release = new TaskCompletionSource(); // the watch tells of bucket b when the test says so
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("a"))
            .RespondAsync(async (_, ct) =>
            {
                await release.Task.WaitAsync(ct);
                return FakeKubernetesHandler.Stream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                    """{"type":"ADDED","object":{"metadata":{"name":"b","namespace":"tenant-a","resourceVersion":"6"}}}""" + "\n")));
            });
        handler.Fallback = r => r.Query("watch") is null ? List("a", "b") : FakeKubernetesHandler.Stream(new QuietStream());
        using var caches = Caches(handler);
        var cache = await caches.OpenSyncedAsync("tenant-a", default);
        var builds = 0;
        string[] Names(TenantBucketCache c)
        {
            builds++;
            return [.. c.Buckets.Select(b => b.Name)];
        }
        var heard = new TaskCompletionSource();
        using var subscription = cache.Subscribe(change => heard.TrySetResult());

        var first = cache.Derive(Names);
        var again = cache.Derive(Names);

        Assert.Same(first, again);
        Assert.Equal(1, builds);
        Assert.Equal(["a"], first);

        release.SetResult();
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var after = cache.Derive(Names);
        Assert.Equal(2, builds);
        Assert.Equal(["a", "b"], after);
    }

    [Fact]
    public async Task Subscribers_hear_each_change_and_unused_caches_stop()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("a"))
            .RespondAsync(async (_, ct) =>
            {
                await Task.Delay(200, ct);
                return FakeKubernetesHandler.Stream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                    """{"type":"ADDED","object":{"metadata":{"name":"b","namespace":"tenant-a","resourceVersion":"6"}}}""" + "\n")));
            })
            ;
        // Later lists find no bucket; later watches stay open without news.
        handler.Fallback = r => r.Query("watch") is null ? List() : FakeKubernetesHandler.Stream(new QuietStream());
        using var caches = Caches(handler);
        var cache = await caches.OpenSyncedAsync("tenant-a", default);
        var heard = new TaskCompletionSource<string>();

        using (cache.Subscribe(change => heard.TrySetResult($"{change.Type} {change.Bucket?.Name}")))
        {
            Assert.Equal("Added b", await heard.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            caches.StopIdle(DateTimeOffset.UtcNow.AddHours(1)); // a listened-to cache stays
            Assert.Equal(1, caches.OpenCount);
        }

        caches.StopIdle(DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(0, caches.OpenCount);
        await caches.OpenSyncedAsync("tenant-a", default); // opened again on the next use
        Assert.Equal(1, caches.OpenCount);
    }

    [Fact]
    public async Task Sizes_come_from_the_buckets_workloads_and_only_a_changed_size_is_news()
    {
        var watch = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var handler = new FakeKubernetesHandler().Respond(_ => List("photos")).RespondAsync(FakeKubernetesHandler.HangAsync);
        using var caches = Caches(handler, workloads: (r, _) => Task.FromResult(r.Query("watch") is null
            ? FakeKubernetesHandler.Json(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"7"},"items":[]}""")
            : FakeKubernetesHandler.Stream(new ChannelStream(watch.Reader))));
        var cache = await caches.OpenSyncedAsync("tenant-a", default);
        var heard = System.Threading.Channels.Channel.CreateUnbounded<string>();
        using var subscription = cache.Subscribe(change => heard.Writer.TryWrite($"{change.Type} {change.Bucket?.Name}"));
        var revision = cache.Revision;

        await watch.Writer.WriteAsync(Workload("photos", "1536Mi", 8));
        Assert.Equal("Modified photos", await heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1536L << 20, cache.WorkloadOf("photos")?.Status?.Amount(WorkloadStatus.StorageBytes));
        Assert.True(cache.Revision > revision);

        await watch.Writer.WriteAsync(Workload("photos", "1536Mi", 9, type: "MODIFIED")); // written again, same size
        await watch.Writer.WriteAsync(Workload("other", "1Gi", 10)); // no such bucket
        await watch.Writer.WriteAsync(Workload("photos", "2Gi", 11, type: "MODIFIED"));
        Assert.Equal("Modified photos", await heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2L << 30, cache.WorkloadOf("photos")?.Status?.Amount(WorkloadStatus.StorageBytes));
        Assert.False(heard.Reader.TryRead(out _));
        Assert.Equal(1L << 30, cache.WorkloadOf("other")?.Status?.Amount(WorkloadStatus.StorageBytes));
    }

    private static string Workload(string bucket, string size, int rv, string type = "ADDED") =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            type,
            @object = new
            {
                metadata = new { name = $"bucket-bucket-{bucket}", @namespace = "tenant-a", resourceVersion = $"{rv}" },
                status = new { operational = true, resources = new Dictionary<string, string> { ["s3-storage-bytes"] = size } },
            },
        }) + "\n";

    /// <summary>A watch body that sends the lines written to a channel, one read each.</summary>
    private sealed class ChannelStream(System.Threading.Channels.ChannelReader<string> lines) : MemoryStream
    {
        private byte[] _pending = [];

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pending.Length == 0)
            {
                _pending = System.Text.Encoding.UTF8.GetBytes(await lines.ReadAsync(cancellationToken));
            }
            var count = Math.Min(buffer.Length, _pending.Length);
            _pending.AsSpan(0, count).CopyTo(buffer.Span);
            _pending = _pending[count..];
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>A watch body that never sends anything and ends only when the request is cancelled.</summary>
    private sealed class QuietStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
