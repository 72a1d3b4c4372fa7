using System.Collections.Concurrent;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>
/// Sits in the portal's Kubernetes client and tallies the API calls it makes, e.g. <c>list buckets</c>,
/// <c>watch buckets</c>, <c>get secrets</c> (verb and resource, from the request itself).
/// </summary>
public sealed class CountingKubernetesHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _calls = new();

    /// <summary>Calls since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public void Reset() => _calls.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _calls.Enqueue(Describe(request));
        return base.SendAsync(request, cancellationToken);
    }

    private static string Describe(HttpRequestMessage request)
    {
        // /api/v1/namespaces/ns/secrets/name or /apis/group/version/namespaces/ns/buckets[/name][?watch=true]
        var segments = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        var afterNamespace = Array.IndexOf(segments, "namespaces") is var i and >= 0 && segments.Length > i + 2 ? segments[(i + 2)..] : segments[^1..];
        var resource = afterNamespace[0];
        var named = afterNamespace.Length > 1;
        var verb = request.Method.Method switch
        {
            "GET" when request.RequestUri.Query.Contains("watch=true", StringComparison.Ordinal) => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "replace",
            "PATCH" => "patch",
            "DELETE" => "delete",
            var other => other.ToLowerInvariant(),
        };
        return $"{verb} {resource}";
    }
}
