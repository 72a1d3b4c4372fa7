using System.Text.Json;
using k8s;
using k8s.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>
/// The Bucket calls of the portal and the provisioner, on the library's custom-object API. Each call runs as
/// <see cref="Impersonation"/> when one is given (the apiserver then checks RBAC for that user and group) and fails
/// with the project's typed errors (<see cref="KubernetesErrors"/>).
/// </summary>
public sealed class BucketApi(IKubernetes kube)
{
    private const int PageSize = 500;
    private static readonly CustomResourceType R = Bucket.Resource;

    /// <summary>The Bucket, or null when it does not exist.</summary>
    public Task<Bucket?> FindAsync(string ns, string name, Impersonation? who, CancellationToken cancellationToken) =>
        ClusterCall.FindAsync(R.Describe("get", ns, name),
            ct => kube.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<Bucket>(
                R.Group, R.Version, ns, R.Plural, name, Impersonation.HeadersOf(who), ct), cancellationToken);

    /// <summary>The Bucket; <see cref="KubernetesNotFoundException"/> when it does not exist.</summary>
    public Task<Bucket> GetAsync(string ns, string name, Impersonation? who, CancellationToken cancellationToken) =>
        ClusterCall.RunAsync(R.Describe("get", ns, name),
            ct => kube.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<Bucket>(
                R.Group, R.Version, ns, R.Plural, name, Impersonation.HeadersOf(who), ct), cancellationToken);

    /// <summary>
    /// Every Bucket of <paramref name="ns"/>, in pages of <paramref name="pageSize"/> (null: one unpaged answer).
    /// <paramref name="fromCache"/> reads the apiserver's watch cache (<c>resourceVersion=0</c>, one page) instead of a
    /// quorum read from etcd.
    /// </summary>
    public async Task<BucketList> ListAsync(
        string ns, Impersonation? who, CancellationToken cancellationToken, bool fromCache = false, string? labelSelector = null, int? pageSize = PageSize)
    {
        var items = new List<Bucket>();
        string? token = null;
        string? resourceVersion;
        do
        {
            var page = await ClusterCall.RunAsync(R.Describe("list", ns),
                ct => kube.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<Bucket>>(
                    R.Group, R.Version, ns, R.Plural, continueParameter: token, labelSelector: labelSelector,
                    limit: fromCache ? null : pageSize, resourceVersion: fromCache ? "0" : null,
                    customHeaders: Impersonation.HeadersOf(who), cancellationToken: ct), cancellationToken);
            items.AddRange(page.Items ?? []);
            token = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(token));
        return new BucketList(items, resourceVersion);
    }

    /// <summary>Creates <paramref name="bucket"/> in its namespace; <see cref="KubernetesAlreadyExistsException"/> when the name is taken.</summary>
    public Task<Bucket> CreateAsync(Bucket bucket, Impersonation? who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return ClusterCall.RunAsync(R.Describe("create", bucket.Namespace, bucket.Name),
            ct => kube.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<Bucket>(
                bucket, R.Group, R.Version, bucket.Namespace, R.Plural, customHeaders: Impersonation.HeadersOf(who), cancellationToken: ct),
            cancellationToken);
    }

    /// <summary>
    /// A JSON merge patch of the Bucket (<paramref name="patch"/>: a JSON string or an object serialized camelCase, nulls
    /// omitted). Put <c>metadata.resourceVersion</c> in it for optimistic concurrency (Conflict when it is stale).
    /// </summary>
    public Task<Bucket> PatchAsync(string ns, string name, object patch, Impersonation? who, CancellationToken cancellationToken, string? fieldManager = null) =>
        ClusterCall.RunAsync(R.Describe("patch", ns, name),
            ct => kube.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<Bucket>(
                MergePatch(patch), R.Group, R.Version, ns, R.Plural, name, fieldManager: fieldManager,
                customHeaders: Impersonation.HeadersOf(who), cancellationToken: ct), cancellationToken);

    /// <summary>A JSON merge patch of the <c>status</c> subresource.</summary>
    public Task<Bucket> PatchStatusAsync(string ns, string name, object patch, CancellationToken cancellationToken, string? fieldManager = null) =>
        ClusterCall.RunAsync(R.Describe("patch status of", ns, name),
            ct => kube.CustomObjects.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<Bucket>(
                MergePatch(patch), R.Group, R.Version, ns, R.Plural, name, fieldManager: fieldManager, cancellationToken: ct), cancellationToken);

    /// <summary>
    /// Deletes the Bucket; false when it was already gone. <paramref name="uid"/>: only this object, not one re-created
    /// under the same name since (Conflict otherwise).
    /// </summary>
    public Task<bool> DeleteAsync(string ns, string name, Impersonation? who, CancellationToken cancellationToken, string? uid = null) =>
        ClusterCall.DeleteAsync(R.Describe("delete", ns, name),
            ct => kube.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                R.Group, R.Version, ns, R.Plural, name,
                body: uid is null ? null : new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } },
                customHeaders: Impersonation.HeadersOf(who), cancellationToken: ct), cancellationToken);

    /// <summary>A merge patch body from a JSON string or an object.</summary>
    public static V1Patch MergePatch(object patch) => patch switch
    {
        null => throw new ArgumentNullException(nameof(patch)),
        V1Patch ready => ready,
        string json => new V1Patch(json, V1Patch.PatchType.MergePatch),
        _ => new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch),
    };
}

/// <summary>The Buckets of a namespace and the resourceVersion of the list.</summary>
public sealed record BucketList(IReadOnlyList<Bucket> Items, string? ResourceVersion);
