using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HikubePortal.Kubernetes.Models;

namespace HikubePortal.Kubernetes;

public sealed partial class KubernetesClient
{
    private const string MergePatchContentType = "application/merge-patch+json";
    private const int DefaultPageSize = 500;

    /// <inheritdoc />
    public Task<T> GetAsync<T>(ResourceType type, string? ns, string name, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var op = Op("get", type, ns, name);
        return SendAsync(HttpMethod.Get, op.Path, null, options, op, ReadJsonAsync<T>, streaming: false, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<T?> TryGetAsync<T>(ResourceType type, string? ns, string name, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
    {
        try
        {
            return await GetAsync<T>(type, ns, name, options, cancellationToken);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<KubernetesList<T>> ListAsync<T>(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        var op = Op("list", type, ns, null, allNamespacesWhenNull: true);
        var query = new QueryBuilder()
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("continue", options?.Continue)
            .Add("resourceVersion", options?.ResourceVersion);
        return SendAsync(HttpMethod.Get, op.Path + query, null, options, op, ReadJsonAsync<KubernetesList<T>>, streaming: false, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<T> ListAllAsync<T>(ResourceType type, string? ns, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = (options ?? new ListOptions()) with { Limit = options?.Limit ?? DefaultPageSize };
        while (true)
        {
            var list = await ListAsync<T>(type, ns, page, cancellationToken);
            foreach (var item in list.Items)
            {
                yield return item;
            }
            if (string.IsNullOrEmpty(list.Metadata.Continue))
            {
                yield break;
            }
            page = page with { Continue = list.Metadata.Continue, ResourceVersion = null };
        }
    }

    /// <inheritdoc />
    public Task<T> CreateAsync<T>(ResourceType type, string? ns, T value, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        var op = Op("create", type, ns ?? value.Metadata.Namespace, null) with { Name = value.Metadata.Name };
        var body = Body(type, value);
        var query = new QueryBuilder().Add("fieldManager", options?.FieldManager);
        return SendAsync(HttpMethod.Post, op.Path + query, () => JsonContent(body, "application/json"), options, op, ReadJsonAsync<T>, streaming: false, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> ReplaceAsync<T>(ResourceType type, string? ns, T value, RequestOptions? options = null, CancellationToken cancellationToken = default)
        where T : IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        var name = value.Metadata.Name ?? throw new ArgumentException("the object has no metadata.name", nameof(value));
        var op = Op("replace", type, ns ?? value.Metadata.Namespace, name);
        var body = Body(type, value);
        var query = new QueryBuilder().Add("fieldManager", options?.FieldManager);
        return SendAsync(HttpMethod.Put, op.Path + query, () => JsonContent(body, "application/json"), options, op, ReadJsonAsync<T>, streaming: false, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> PatchAsync<T>(ResourceType type, string? ns, string name, object patch, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PatchCoreAsync<T>(type, ns, name, patch, subresource: null, options, cancellationToken);

    /// <inheritdoc />
    public Task<T> PatchStatusAsync<T>(ResourceType type, string? ns, string name, object patch, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PatchCoreAsync<T>(type, ns, name, patch, subresource: "status", options, cancellationToken);

    private Task<T> PatchCoreAsync<T>(ResourceType type, string? ns, string name, object patch, string? subresource, RequestOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(patch);
        var op = Op(subresource is null ? "patch" : "patch status of", type, ns, name, subresource: subresource);
        var body = patch switch
        {
            string text => text,
            JsonNode node => node.ToJsonString(),
            JsonElement element => element.GetRawText(),
            _ => JsonSerializer.Serialize(patch, patch.GetType(), KubernetesJson.Options),
        };
        var query = new QueryBuilder().Add("fieldManager", options?.FieldManager);
        return SendAsync(HttpMethod.Patch, op.Path + query, () => JsonContent(body, MergePatchContentType), options, op, ReadJsonAsync<T>, streaming: false, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var op = Op("delete", type, ns, name);
        var body = DeleteBody(options);
        return SendAsync(HttpMethod.Delete, op.Path, body is null ? null : () => JsonContent(body, "application/json"), options, op,
            static (_, _) => Task.FromResult(true), streaming: false, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteIfExistsAsync(ResourceType type, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAsync(type, ns, name, options, cancellationToken);
            return true;
        }
        catch (KubernetesNotFoundException)
        {
            return false;
        }
    }

    internal static string? DeleteBody(DeleteOptions? options)
    {
        if (options is null || (options.PropagationPolicy is null && options.PreconditionUid is null
            && options.PreconditionResourceVersion is null && options.GracePeriodSeconds is null))
        {
            return null;
        }
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "DeleteOptions" };
        if (options.PropagationPolicy is { } policy)
        {
            body["propagationPolicy"] = policy.ToString();
        }
        if (options.GracePeriodSeconds is { } grace)
        {
            body["gracePeriodSeconds"] = grace;
        }
        if (options.PreconditionUid is not null || options.PreconditionResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (options.PreconditionUid is not null)
            {
                preconditions["uid"] = options.PreconditionUid;
            }
            if (options.PreconditionResourceVersion is not null)
            {
                preconditions["resourceVersion"] = options.PreconditionResourceVersion;
            }
            body["preconditions"] = preconditions;
        }
        return body.ToJsonString();
    }

    /// <summary>The object as JSON, with apiVersion and kind filled in from the resource type when missing.</summary>
    private static string Body<T>(ResourceType type, T value)
    {
        var node = JsonSerializer.SerializeToNode(value, value!.GetType(), KubernetesJson.Options) as JsonObject
            ?? throw new ArgumentException("the object does not serialize to a JSON object", nameof(value));
        if (node["apiVersion"] is null)
        {
            node["apiVersion"] = type.ApiVersion;
        }
        if (node["kind"] is null)
        {
            node["kind"] = type.Kind;
        }
        return node.ToJsonString();
    }

    private static StringContent JsonContent(string body, string mediaType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, KubernetesJson.Options, cancellationToken)
            ?? throw new JsonException("empty answer");
    }

    private Operation Op(string verb, ResourceType type, string? ns, string? name, bool allNamespacesWhenNull = false, string? subresource = null)
    {
        var effectiveNs = type.Namespaced ? (ns ?? (allNamespacesWhenNull ? null : DefaultNamespace)) : null;
        return new Operation(verb, type, effectiveNs, name, type.Path(effectiveNs, name, subresource));
    }

    /// <summary>Builds <c>?a=b&amp;c=d</c>, skipping empty values.</summary>
    private sealed class QueryBuilder
    {
        private readonly StringBuilder _query = new();

        public QueryBuilder Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _query.Append(_query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            }
            return this;
        }

        public override string ToString() => _query.ToString();
    }
}
