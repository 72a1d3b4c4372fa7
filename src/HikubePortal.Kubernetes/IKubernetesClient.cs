using HikubePortal.Kubernetes.Models;

namespace HikubePortal.Kubernetes;

/// <summary>
/// A typed client of the Kubernetes REST API. Every call takes <see cref="RequestOptions"/> (impersonation,
/// timeout) and a cancellation token, and fails with a <see cref="KubernetesException"/> subclass:
/// NotFound, AlreadyExists/Conflict, Forbidden, Unauthorized, Invalid (field causes), Gone (410) or
/// Unavailable (connection failure, timeout, 429, 5xx).
/// For namespaced resources, a null <c>ns</c> means: all namespaces for list/watch, the object's own
/// namespace (else the client's default) for create, the client's default namespace otherwise.
/// </summary>
public interface IKubernetesClient
{
    /// <summary>The namespace of the kubeconfig context, or of the pod in-cluster.</summary>
    string DefaultNamespace { get; }

    /// <summary>GET one object.</summary>
    Task<T> GetAsync<T>(ResourceType type, string? ns, string name, RequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>GET one object, null when it does not exist.</summary>
    Task<T?> TryGetAsync<T>(ResourceType type, string? ns, string name, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>One page of a list (use <see cref="ListOptions.Limit"/> and <see cref="ListOptions.Continue"/> to page).</summary>
    Task<KubernetesList<T>> ListAsync<T>(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Every item, fetching pages of <see cref="ListOptions.Limit"/> (default 500) as the caller enumerates.</summary>
    IAsyncEnumerable<T> ListAllAsync<T>(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Watch changes. Reconnects from the last seen resourceVersion after disconnects, server timeouts and
    /// apiserver restarts (unless <see cref="WatchOptions.Resume"/> is false); bookmarks keep that point fresh.
    /// When the resourceVersion is too old (410 Gone, e.g. after compaction) it throws
    /// <see cref="KubernetesGoneException"/>: list again and watch from the list's resourceVersion
    /// (<see cref="InformAsync{T}"/> does that for you). Never ends by itself unless Resume is false.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceType type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject;

    /// <summary>
    /// List then watch, forever: reports every object as Added after each (re)list, then changes; on 410 Gone it
    /// relists and reports what changed meanwhile (Added/Modified/Deleted) followed by Synced. Survives
    /// apiserver outages (retries with backoff); throws only for errors retrying cannot fix (Forbidden, ...).
    /// </summary>
    IAsyncEnumerable<ResourceEvent<T>> InformAsync<T>(ResourceType type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject;

    /// <summary>POST a new object. AlreadyExists when the name is taken.</summary>
    Task<T> CreateAsync<T>(ResourceType type, string? ns, T value, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : IKubernetesObject;

    /// <summary>PUT the whole object; Conflict when its <c>metadata.resourceVersion</c> is stale.</summary>
    Task<T> ReplaceAsync<T>(ResourceType type, string? ns, T value, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : IKubernetesObject;

    /// <summary>
    /// JSON merge patch (<c>application/merge-patch+json</c>). <paramref name="patch"/> is a string of JSON,
    /// a <c>JsonNode</c> (its nulls delete fields) or any object (serialized camelCase, nulls omitted).
    /// Put <c>metadata.resourceVersion</c> in the patch for optimistic concurrency.
    /// </summary>
    Task<T> PatchAsync<T>(ResourceType type, string? ns, string name, object patch, RequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>JSON merge patch of the <c>status</c> subresource.</summary>
    Task<T> PatchStatusAsync<T>(ResourceType type, string? ns, string name, object patch, RequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>DELETE with optional preconditions (uid, resourceVersion -> Conflict when they differ) and propagation policy.</summary>
    Task DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>DELETE; false when it was already gone.</summary>
    Task<bool> DeleteIfExistsAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);
}
