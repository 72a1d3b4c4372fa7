using System.Diagnostics;
using System.Net;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>Reads of the cluster get <see cref="KubernetesOptions.ReadTimeout"/>; writes and watches keep the client's own limit.</summary>
public sealed class ReadDeadlineTests
{
    private static readonly TimeSpan Read = TimeSpan.FromMilliseconds(300);

    /// <summary>The library's client as the portal builds it: the read deadline in front of <paramref name="handler"/>.</summary>
    private static k8s.Kubernetes Client(FakeKubernetesHandler handler) =>
        new(new KubernetesClientConfiguration { Host = "https://k8s.test:6443", AccessToken = "t", HttpClientTimeout = TimeSpan.FromSeconds(30) },
            new ReadDeadlineHandler(Read), handler);

    [Fact]
    public async Task A_read_without_an_answer_ends_at_the_read_deadline_as_not_answering()
    {
        using var kube = Client(new FakeKubernetesHandler().RespondAsync(FakeKubernetesHandler.HangAsync));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => new BucketApi(kube).GetAsync("t", "b", null, default));

        Assert.True(error.NotAnswering);
        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, Read, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Writes_and_watches_may_take_longer_than_a_read()
    {
        // Each answers after three read deadlines, unless its own token is cancelled first.
        static async Task<HttpResponseMessage> Slow(RecordedRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(Read * 3, cancellationToken);
            return FakeKubernetesHandler.Json(HttpStatusCode.OK, """{"apiVersion":"apps.cozystack.io/v1alpha1","kind":"Bucket","metadata":{"name":"b","namespace":"t"}}""");
        }
        var handler = new FakeKubernetesHandler().RespondAsync(Slow).RespondAsync(Slow);
        using var kube = Client(handler);

        var created = await new BucketApi(kube).CreateAsync(Bucket.Create("t", "b", new BucketSpec()), null, default);
        using var watched = await kube.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<object>(
            "apps.cozystack.io", "v1alpha1", "t", "buckets", watch: true);

        Assert.Equal("b", created.Name);
        Assert.Equal(HttpMethod.Post, handler.Requests[0].Method);
        Assert.Equal("true", handler.Requests[1].Query("watch"));
    }
}
