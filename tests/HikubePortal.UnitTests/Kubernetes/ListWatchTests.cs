using System.Net;
using System.Text;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;
using Microsoft.Extensions.Logging.Abstractions;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>The list-then-watch loop on the library's watch, against scripted answers.</summary>
public sealed class ListWatchTests
{
    private static readonly ListWatchOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(40) };

    private static string Event(string type, string name, string rv) =>
        $$"""{"type":"{{type}}","object":{"apiVersion":"apps.cozystack.io/v1alpha1","kind":"Bucket","metadata":{"name":"{{name}}","namespace":"t","resourceVersion":"{{rv}}"}""" + "}}";

    private static string Bookmark(string rv) =>
        $$$"""{"type":"BOOKMARK","object":{"kind":"Bucket","apiVersion":"apps.cozystack.io/v1alpha1","metadata":{"resourceVersion":"{{{rv}}}","creationTimestamp":null},"spec":null,"status":null}}""";

    private static string Gone() =>
        """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 3 (40)","reason":"Expired","code":410}}""";

    private static HttpResponseMessage Lines(params string[] lines) =>
        FakeKubernetesHandler.Stream(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")));

    private static HttpResponseMessage List(string rv, params (string Name, string Rv)[] items) =>
        FakeKubernetesHandler.Json(HttpStatusCode.OK,
            $$"""{"kind":"BucketList","metadata":{"resourceVersion":"{{rv}}"},"items":[{{string.Join(",", items.Select(i => $$$"""{"metadata":{"name":"{{{i.Name}}}","namespace":"t","resourceVersion":"{{{i.Rv}}}"}}"""))}}]}""");

    /// <summary>Runs the loop until <paramref name="done"/> says so; answers what it reported and the errors.</summary>
    private static async Task<(List<string> Seen, List<KubernetesException> Errors)> RunUntilAsync(
        FakeKubernetesHandler handler, Func<List<string>, bool> done, ListWatchOptions? options = null)
    {
        using var kube = FakeKubernetesHandler.Client(handler);
        var watch = new ListWatch<Bucket>(kube, Bucket.Resource, "t", options ?? Fast, NullLogger.Instance, TimeProvider.System);
        var seen = new List<string>();
        var errors = new List<KubernetesException>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.RunAsync(async e =>
        {
            seen.Add($"{e.Type} {e.Object?.Name}".Trim());
            if (done(seen))
            {
                await stop.CancelAsync();
            }
        }, errors.Add, onRecovered: null, stop.Token));
        return (seen, errors);
    }

    [Fact]
    public async Task It_lists_then_watches_from_the_lists_version_and_resumes_where_the_server_ended_the_watch()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("3", ("a", "2")))
            .Respond(_ => Lines(Event("MODIFIED", "a", "5"), Bookmark("8")))   // then the server ends the watch (its timeout)
            .Respond(_ => Lines(Event("ADDED", "b", "9"), Event("DELETED", "a", "10")))
            .RespondAsync(FakeKubernetesHandler.HangAsync);

        var (seen, errors) = await RunUntilAsync(handler, s => s.Count == 5, Fast with { LabelSelector = "x=y" });

        Assert.Equal(["Added a", "Synced", "Modified a", "Added b", "Deleted a"], seen);
        Assert.Empty(errors);
        var watches = handler.Requests.Skip(1).ToList();
        Assert.All(watches, r =>
        {
            Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets", r.Path);
            Assert.Equal("true", r.Query("watch"));
            Assert.Equal("true", r.Query("allowWatchBookmarks"));
            Assert.Equal("x=y", r.Query("labelSelector"));
            Assert.Equal("300", r.Query("timeoutSeconds"));
        });
        Assert.Equal(["3", "8"], watches.Select(r => r.Query("resourceVersion"))); // 8: the bookmark's
        Assert.Equal("500", handler.Requests[0].Query("limit"));
        Assert.Equal("x=y", handler.Requests[0].Query("labelSelector"));
    }

    [Fact]
    public async Task A_410_in_the_watch_lists_again_and_reports_only_the_difference()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("10", ("a", "1"), ("b", "2")))
            .Respond(_ => Lines(Event("MODIFIED", "a", "11"), Gone()))
            .Respond(_ => List("20", ("a", "11"), ("c", "12")))
            .RespondAsync(FakeKubernetesHandler.HangAsync);

        var (seen, errors) = await RunUntilAsync(handler, s => s.Count(e => e == "Synced") == 2);

        Assert.Equal(["Added a", "Added b", "Synced", "Modified a", "Added c", "Deleted b", "Synced"], seen);
        Assert.Empty(errors);
        Assert.Null(handler.Requests[2].Query("watch"));
    }

    [Fact]
    public async Task A_410_answer_to_the_watch_request_itself_lists_again()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("10", ("a", "1")))
            .Respond(HttpStatusCode.Gone, FakeKubernetesHandler.StatusJson(410, "Expired", "too old"))
            .Respond(_ => List("30", ("a", "1")))
            .RespondAsync(FakeKubernetesHandler.HangAsync);

        var (seen, _) = await RunUntilAsync(handler, s => s.Count(e => e == "Synced") == 2);

        Assert.Equal(["Added a", "Synced", "Synced"], seen);
        Assert.Equal([null, "true", null], handler.Requests.Select(r => r.Query("watch")));
        Assert.Equal("10", handler.Requests[1].Query("resourceVersion"));
    }

    [Fact]
    public async Task Lost_connections_broken_streams_and_5xx_are_resumed_from_the_last_version_after_a_backoff()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("4"))
            .Respond(_ => Lines(Event("ADDED", "a", "5")).WithBrokenEnd())
            .Respond(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"))
            .Respond(HttpStatusCode.ServiceUnavailable, FakeKubernetesHandler.StatusJson(503, "ServiceUnavailable", "starting"))
            .Respond(_ => Lines(Event("ADDED", "b", "6")))
            .RespondAsync(FakeKubernetesHandler.HangAsync);

        var (seen, errors) = await RunUntilAsync(handler, s => s.Contains("Added b"));

        Assert.Equal(["Synced", "Added a", "Added b"], seen);
        Assert.Equal(["4", "5", "5", "5"], handler.Requests.Skip(1).Take(4).Select(r => r.Query("resourceVersion")));
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.IsType<KubernetesUnavailableException>(e));
    }

    [Fact]
    public async Task A_forbidden_list_is_reported_and_tried_again_not_thrown()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(HttpStatusCode.Forbidden, FakeKubernetesHandler.StatusJson(403, "Forbidden", "RBAC not loaded yet"))
            .Respond(_ => List("10", ("a", "1")))
            .RespondAsync(FakeKubernetesHandler.HangAsync);

        var (seen, errors) = await RunUntilAsync(handler, s => s.Contains("Synced"));

        Assert.Equal(["Added a", "Synced"], seen);
        Assert.IsType<KubernetesForbiddenException>(Assert.Single(errors));
    }

    [Fact]
    public async Task A_silent_watch_is_ended_by_the_watchdog_and_started_again()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("10"))
            .Respond(_ => FakeKubernetesHandler.Stream(new SilentStream(Encoding.UTF8.GetBytes(Event("ADDED", "a", "11") + "\n"))))
            .Respond(_ => Lines(Event("ADDED", "b", "12")))
            .RespondAsync(FakeKubernetesHandler.HangAsync);

        var (seen, errors) = await RunUntilAsync(handler, s => s.Contains("Added b"), Fast with { ServerTimeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(["Synced", "Added a", "Added b"], seen);
        Assert.Contains("no data for", Assert.Single(errors).Message, StringComparison.Ordinal);
        Assert.Equal("11", handler.Requests[2].Query("resourceVersion"));
    }

    [Fact]
    public async Task List_and_watch_run_as_the_impersonated_identity()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("1"))
            .Respond(_ => Lines(Event("ADDED", "a", "2")))
            .RespondAsync(FakeKubernetesHandler.HangAsync);

        await RunUntilAsync(handler, s => s.Contains("Added a"), Fast with { Impersonate = new Impersonation("hikube-portal:bucket-watch", "tenant-t-view") });

        Assert.All(handler.Requests.Take(2), r =>
        {
            Assert.Equal(["hikube-portal:bucket-watch"], r.Header("Impersonate-User"));
            Assert.Equal(["tenant-t-view"], r.Header("Impersonate-Group"));
        });
    }

    /// <summary>Gives its bytes, then never ends (a connection that went quiet without closing).</summary>
    private sealed class SilentStream(byte[] data) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position < Length)
            {
                return await base.ReadAsync(buffer, cancellationToken);
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}

internal static class ResponseExtensions
{
    /// <summary>Makes the body fail with an IOException after its content, like a connection cut mid-watch.</summary>
    public static HttpResponseMessage WithBrokenEnd(this HttpResponseMessage response)
    {
        var content = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        response.Content = new StreamContent(new BrokenStream(content));
        return response;
    }

    private sealed class BrokenStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= Length ? throw new IOException("connection reset") : base.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Position >= Length ? throw new IOException("connection reset") : base.ReadAsync(buffer, offset, count, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= Length ? throw new IOException("connection reset") : base.Read(buffer, offset, count);
    }
}
