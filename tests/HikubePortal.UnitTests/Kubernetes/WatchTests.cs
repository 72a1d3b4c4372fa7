using System.Net;
using System.Text;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Models;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class WatchTests
{
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

    [Fact]
    public async Task Watch_sends_the_watch_query_and_resumes_from_the_last_seen_resource_version()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => Lines(Event("ADDED", "a", "5"), Bookmark("8")))          // then the server closes (timeout)
            .Respond(_ => Lines(Event("MODIFIED", "a", "9"), Event("DELETED", "a", "10"), Gone()));
        using var client = FakeKubernetesHandler.Client(handler);

        var seen = new List<(WatchEventType, string?, string?)>();
        var error = await Assert.ThrowsAsync<KubernetesGoneException>(async () =>
        {
            await foreach (var e in client.WatchAsync<Bucket>(Bucket.Resource, "t", new WatchOptions { ResourceVersion = "3", LabelSelector = "a=b" }))
            {
                seen.Add((e.Type, e.Object?.Name, e.ResourceVersion));
            }
        });

        Assert.Equal([(WatchEventType.Added, "a", "5"), (WatchEventType.Modified, "a", "9"), (WatchEventType.Deleted, "a", "10")], seen);
        Assert.Equal(410, error.StatusCode);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets", r.Path);
            Assert.Equal("true", r.Query("watch"));
            Assert.Equal("true", r.Query("allowWatchBookmarks"));
            Assert.Equal("a=b", r.Query("labelSelector"));
            Assert.Equal("300", r.Query("timeoutSeconds"));
        });
        Assert.Equal(["3", "8"], handler.Requests.Select(r => r.Query("resourceVersion")));
    }

    [Fact]
    public async Task Bookmarks_are_reported_only_on_request()
    {
        var handler = new FakeKubernetesHandler().Respond(_ => Lines(Bookmark("8"), Event("ADDED", "a", "9")));
        using var client = FakeKubernetesHandler.Client(handler);

        var seen = new List<WatchEvent<Bucket>>();
        await foreach (var e in client.WatchAsync<Bucket>(Bucket.Resource, "t", new WatchOptions { EmitBookmarks = true, Resume = false }))
        {
            seen.Add(e);
        }

        Assert.Equal([WatchEventType.Bookmark, WatchEventType.Added], seen.Select(e => e.Type));
        Assert.Equal("8", seen[0].ResourceVersion);
    }

    [Fact]
    public async Task Without_resume_the_watch_ends_when_the_server_closes_it()
    {
        var handler = new FakeKubernetesHandler().Respond(_ => Lines(Event("ADDED", "a", "5")));
        using var client = FakeKubernetesHandler.Client(handler);

        var count = 0;
        await foreach (var _ in client.WatchAsync<Bucket>(Bucket.Resource, "t", new WatchOptions { Resume = false }))
        {
            count++;
        }

        Assert.Equal(1, count);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_410_answer_to_the_watch_request_itself_is_Gone()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.Gone, FakeKubernetesHandler.StatusJson(410, "Gone", "too old"));
        using var client = FakeKubernetesHandler.Client(handler);

        await Assert.ThrowsAsync<KubernetesGoneException>(async () =>
        {
            await foreach (var _ in client.WatchAsync<Bucket>(Bucket.Resource, "t", new WatchOptions { ResourceVersion = "1" }))
            {
            }
        });
    }

    [Fact]
    public async Task Connection_failures_and_broken_streams_are_resumed_after_a_backoff()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => Lines(Event("ADDED", "a", "5")).WithBrokenEnd())
            .Respond(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"))
            .Respond(_ => FakeKubernetesHandler.Json(HttpStatusCode.ServiceUnavailable, FakeKubernetesHandler.StatusJson(503, "ServiceUnavailable", "starting")))
            .Respond(_ => Lines(Event("ADDED", "b", "6")));
        using var client = FakeKubernetesHandler.Client(handler);

        var names = new List<string>();
        await foreach (var e in client.WatchAsync<Bucket>(Bucket.Resource, "t", new WatchOptions { MaxBackoff = TimeSpan.FromMilliseconds(500) }))
        {
            names.Add(e.Object!.Name);
            if (names.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["a", "b"], names);
        Assert.Equal([null, "5", "5", "5"], handler.Requests.Select(r => r.Query("resourceVersion")));
    }

    [Fact]
    public async Task Forbidden_is_not_retried()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.Forbidden, FakeKubernetesHandler.StatusJson(403, "Forbidden", "nope"));
        using var client = FakeKubernetesHandler.Client(handler);

        await Assert.ThrowsAsync<KubernetesForbiddenException>(async () =>
        {
            await foreach (var _ in client.WatchAsync<Bucket>(Bucket.Resource, "t"))
            {
            }
        });
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Informer_lists_watches_and_relists_after_Gone_reporting_the_difference()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => List("10", ("a", "1"), ("b", "2")))
            .Respond(_ => Lines(Event("MODIFIED", "a", "11"), Gone()))
            .Respond(_ => List("20", ("a", "11"), ("c", "12")));
        using var client = FakeKubernetesHandler.Client(handler);

        var seen = new List<string>();
        var synced = 0;
        await foreach (var e in client.InformAsync<Bucket>(Bucket.Resource, "t"))
        {
            seen.Add($"{e.Type} {e.Object?.Name}".Trim());
            if (e.Type == ResourceEventType.Synced && ++synced == 2)
            {
                break;
            }
        }

        Assert.Equal(["Added a", "Added b", "Synced", "Modified a", "Added c", "Deleted b", "Synced"], seen);
        Assert.Equal("10", handler.Requests[1].Query("resourceVersion"));
        Assert.Equal("true", handler.Requests[1].Query("watch"));
        Assert.Null(handler.Requests[2].Query("watch"));
        Assert.Equal("500", handler.Requests[2].Query("limit"));
    }

    [Fact]
    public async Task Informer_retries_a_failed_list()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"))
            .Respond(_ => List("10", ("a", "1")));
        using var client = FakeKubernetesHandler.Client(handler);

        var seen = new List<ResourceEventType>();
        await foreach (var e in client.InformAsync<Bucket>(Bucket.Resource, "t"))
        {
            seen.Add(e.Type);
            if (e.Type == ResourceEventType.Synced)
            {
                break;
            }
        }

        Assert.Equal([ResourceEventType.Added, ResourceEventType.Synced], seen);
        Assert.Equal(2, handler.Requests.Count);
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

        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= Length ? throw new IOException("connection reset") : base.Read(buffer, offset, count);
    }
}
