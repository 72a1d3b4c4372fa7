using System.Net;
using System.Text;
using k8s;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>A recorded request: what the client put on the wire.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method, string PathAndQuery, IReadOnlyDictionary<string, string[]> Headers, string? ContentType, string? Body)
{
    public string Path => PathAndQuery.Split('?')[0];

    public string? Query(string key)
    {
        var query = PathAndQuery.Contains('?') ? PathAndQuery[(PathAndQuery.IndexOf('?') + 1)..] : "";
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts[0] == key)
            {
                return Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : "");
            }
        }
        return null;
    }

    public string[] Header(string name) =>
        Headers.TryGetValue(name, out var values) ? values : [];
}

/// <summary>Answers scripted responses in order (or from a function) and records each request.</summary>
/// <remarks>
/// A <see cref="DelegatingHandler"/> that never calls on: given to the library's <see cref="k8s.Kubernetes"/>, the
/// requests stop here and nothing reaches the network.
/// </remarks>
internal sealed class FakeKubernetesHandler : DelegatingHandler
{
    private readonly Queue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _responses = new();

    private readonly List<RecordedRequest> _requests = [];

    /// <summary>The requests so far, as a copy: a cache's background watch may still be adding to them while a test reads.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public Func<RecordedRequest, HttpResponseMessage>? Fallback { get; set; }

    private readonly List<(Func<RecordedRequest, bool> When, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Response)> _routes = [];

    /// <summary>Requests matching <paramref name="when"/> get <paramref name="response"/>, before the scripted queue.</summary>
    public FakeKubernetesHandler Route(Func<RecordedRequest, bool> when, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> response)
    {
        _routes.Add((when, response));
        return this;
    }

    public FakeKubernetesHandler Respond(HttpStatusCode code, string json) =>
        Respond(_ => Json(code, json));

    public FakeKubernetesHandler Respond(Func<RecordedRequest, HttpResponseMessage> response) =>
        RespondAsync((r, _) => Task.FromResult(response(r)));

    public FakeKubernetesHandler RespondAsync(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> response)
    {
        _responses.Enqueue(response);
        return this;
    }

    /// <summary>An answer that never comes (until the request is cancelled).</summary>
    public static async Task<HttpResponseMessage> HangAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    public static HttpResponseMessage Json(HttpStatusCode code, string json) =>
        new(code) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Stream(Stream body) =>
        new(HttpStatusCode.OK) { Content = new StreamContent(body) };

    public static string StatusJson(int code, string reason, string message, string? causes = null) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":{{System.Text.Json.JsonSerializer.Serialize(message)}},"reason":"{{reason}}","details":{"name":"x"{{(causes is null ? "" : ",\"causes\":" + causes)}}},"code":{{code}}}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!.PathAndQuery, headers,
            request.Content?.Headers.ContentType?.MediaType, body);
        lock (_requests)
        {
            _requests.Add(recorded);
        }
        var next = _routes.FirstOrDefault(r => r.When(recorded)).Response;
        if (next is null)
        {
            lock (_responses)
            {
                _responses.TryDequeue(out next);
            }
        }
        var fallback = Fallback;
        if (next is null && fallback is null)
        {
            throw new InvalidOperationException($"no scripted response for {request.Method} {recorded.PathAndQuery}");
        }
        var response = next is null ? fallback!(recorded) : await next(recorded, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }

    /// <summary>The library's client, sending through <paramref name="handler"/>, with a bearer token.</summary>
    public static k8s.Kubernetes Client(FakeKubernetesHandler handler, string token = "test-token", TimeSpan? timeout = null) =>
        new(new KubernetesClientConfiguration
        {
            Host = "https://k8s.test:6443",
            AccessToken = token,
            Namespace = "ctx-ns",
            HttpClientTimeout = timeout ?? TimeSpan.FromSeconds(30),
        }, handler);
}
