using System.Net;
using System.Text;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Config;

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
internal sealed class FakeKubernetesHandler : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    public Func<RecordedRequest, HttpResponseMessage>? Fallback { get; set; }

    public FakeKubernetesHandler Respond(HttpStatusCode code, string json) =>
        Respond(_ => Json(code, json));

    public FakeKubernetesHandler Respond(Func<RecordedRequest, HttpResponseMessage> response)
    {
        _responses.Enqueue(response);
        return this;
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
        lock (Requests)
        {
            Requests.Add(recorded);
        }
        Func<RecordedRequest, HttpResponseMessage>? next;
        lock (_responses)
        {
            _responses.TryDequeue(out next);
        }
        next ??= Fallback ?? throw new InvalidOperationException($"no scripted response for {request.Method} {recorded.PathAndQuery}");
        return next(recorded);
    }

    public static KubernetesClient Client(FakeKubernetesHandler handler, string token = "test-token", TimeSpan? timeout = null) =>
        new(new KubernetesConfig { Server = new Uri("https://k8s.test:6443"), Token = token, Namespace = "ctx-ns" },
            handler, new KubernetesOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(30) });
}
