using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Models;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>The portal's Kubernetes client with a tally of the API calls it makes (verb and resource), for tests.</summary>
public sealed class CountingKubernetesClient(IKubernetesClient inner) : IKubernetesClient
{
    private readonly ConcurrentQueue<string> _calls = new();

    /// <summary>Calls since the last <see cref="Reset"/>, e.g. <c>list buckets.apps.cozystack.io</c>.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public void Reset() => _calls.Clear();

    public string DefaultNamespace => inner.DefaultNamespace;

    public Task<T> GetAsync<T>(ResourceType type, string? ns, string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("get", type, () => inner.GetAsync<T>(type, ns, name, options, cancellationToken));

    public Task<T?> TryGetAsync<T>(ResourceType type, string? ns, string name, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : class =>
        Count("get", type, () => inner.TryGetAsync<T>(type, ns, name, options, cancellationToken));

    public Task<KubernetesList<T>> ListAsync<T>(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("list", type, () => inner.ListAsync<T>(type, ns, options, cancellationToken));

    public async IAsyncEnumerable<T> ListAllAsync<T>(ResourceType type, string? ns, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _calls.Enqueue($"list-all {type}");
        await foreach (var item in inner.ListAllAsync<T>(type, ns, options, cancellationToken))
        {
            yield return item;
        }
    }

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceType type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject
    {
        _calls.Enqueue($"watch {type}");
        return inner.WatchAsync<T>(type, ns, options, cancellationToken);
    }

    public IAsyncEnumerable<ResourceEvent<T>> InformAsync<T>(ResourceType type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject
    {
        _calls.Enqueue($"inform {type}");
        return inner.InformAsync<T>(type, ns, options, cancellationToken);
    }

    public Task<T> CreateAsync<T>(ResourceType type, string? ns, T value, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : IKubernetesObject =>
        Count("create", type, () => inner.CreateAsync(type, ns, value, options, cancellationToken));

    public Task<T> ReplaceAsync<T>(ResourceType type, string? ns, T value, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : IKubernetesObject =>
        Count("replace", type, () => inner.ReplaceAsync(type, ns, value, options, cancellationToken));

    public Task<T> PatchAsync<T>(ResourceType type, string? ns, string name, object patch, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("patch", type, () => inner.PatchAsync<T>(type, ns, name, patch, options, cancellationToken));

    public Task<T> PatchStatusAsync<T>(ResourceType type, string? ns, string name, object patch, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("patch-status", type, () => inner.PatchStatusAsync<T>(type, ns, name, patch, options, cancellationToken));

    public Task DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("delete", type, () => inner.DeleteAsync(type, ns, name, options, cancellationToken));

    public Task<bool> DeleteIfExistsAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        Count("delete", type, () => inner.DeleteIfExistsAsync(type, ns, name, options, cancellationToken));

    private Task<T> Count<T>(string verb, ResourceType type, Func<Task<T>> call)
    {
        _calls.Enqueue($"{verb} {type}");
        return call();
    }

    private Task Count(string verb, ResourceType type, Func<Task> call)
    {
        _calls.Enqueue($"{verb} {type}");
        return call();
    }
}
