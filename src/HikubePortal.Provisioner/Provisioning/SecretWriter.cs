using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using k8s.Models;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>A Secret that belongs to another object, so the provisioner will not take it over.</summary>
internal sealed class SecretConflictException : Exception
{
    public SecretConflictException()
    {
    }

    public SecretConflictException(string message)
        : base(message)
    {
    }

    public SecretConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Writes a bucket user's two Secrets, owned by the Bucket (so they go with it), and only when
/// they differ from what is stored; deletes them when the user goes.
/// </summary>
internal sealed class SecretWriter(IKubernetes kube)
{
    private const string FieldManager = BucketNaming.ManagedByValue;

    /// <summary>The two Secrets of <paramref name="user"/> as they should be.</summary>
    public static IReadOnlyList<V1Secret> Desired(Bucket bucket, string user, UserAccess access)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var ns = bucket.Namespace;
        var info = SecretValues.FromStrings(ns, BucketNaming.InfoSecret(bucket.Name, user), CredentialSecrets.InfoData(access), labels: Labels(bucket.Name, user));
        var credentialLabels = Labels(bucket.Name, user);
        credentialLabels[BucketNaming.UserSecretLabel] = "true";
        var credentials = SecretValues.FromStrings(ns, BucketNaming.CredentialsSecret(bucket.Name, user), CredentialSecrets.CredentialsData(access), labels: credentialLabels);
        info.Metadata.OwnerReferences = [Owner(bucket)];
        credentials.Metadata.OwnerReferences = [Owner(bucket)];
        return [info, credentials];
    }

    /// <summary>The reference that makes the Bucket own (and garbage-collect) a Secret.</summary>
    public static V1OwnerReference Owner(Bucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return new V1OwnerReference
        {
            ApiVersion = Bucket.Resource.ApiVersion,
            Kind = Bucket.Resource.Kind,
            Name = bucket.Name,
            Uid = bucket.Metadata.Uid!,
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }

    public static Dictionary<string, string> Labels(string bucket, string user) => new(StringComparer.Ordinal)
    {
        [BucketNaming.ManagedByLabel] = BucketNaming.ManagedByValue,
        [BucketNaming.BucketLabel] = bucket,
        [BucketNaming.UserLabel] = user,
    };

    /// <summary>True when <paramref name="current"/> already has the data, type, labels and owner of <paramref name="desired"/>.</summary>
    public static bool UpToDate(V1Secret current, V1Secret desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        var data = current.Data ?? new Dictionary<string, byte[]>();
        var wanted = desired.Data ?? new Dictionary<string, byte[]>();
        var sameData = data.Count == wanted.Count &&
            wanted.All(kv => data.TryGetValue(kv.Key, out var value) && value.AsSpan().SequenceEqual(kv.Value));
        var labels = current.Metadata?.Labels ?? new Dictionary<string, string>();
        var sameLabels = (desired.Metadata.Labels ?? new Dictionary<string, string>())
            .All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);
        var owner = desired.Metadata.OwnerReferences![0];
        var owned = current.Metadata?.OwnerReferences?.Any(o => Same(o, owner)) ?? false;
        return sameData && sameLabels && owned && (current.Type ?? "Opaque") == desired.Type;
    }

    private static bool Same(V1OwnerReference a, V1OwnerReference b) =>
        a.Uid == b.Uid && a.Name == b.Name && a.Kind == b.Kind && a.ApiVersion == b.ApiVersion
        && a.Controller == b.Controller && a.BlockOwnerDeletion == b.BlockOwnerDeletion;

    /// <summary>
    /// Creates or updates <paramref name="desired"/> given what is stored (<paramref name="current"/>, null when
    /// unknown: it is read then); answers whether anything was written.
    /// </summary>
    public async Task<bool> ApplyAsync(V1Secret desired, V1Secret? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var ns = desired.Metadata.NamespaceProperty;
        var name = desired.Metadata.Name;
        if (current is null)
        {
            try
            {
                await ClusterCall.RunAsync($"create secrets {ns}/{name}",
                    ct => kube.CoreV1.CreateNamespacedSecretWithHttpMessagesAsync(desired, ns, fieldManager: FieldManager, cancellationToken: ct),
                    cancellationToken, sensitive: true);
                return true;
            }
            catch (KubernetesAlreadyExistsException)
            {
                current = await ClusterCall.RunAsync($"get secrets {ns}/{name}",
                    ct => kube.CoreV1.ReadNamespacedSecretWithHttpMessagesAsync(name, ns, cancellationToken: ct), cancellationToken, sensitive: true);
            }
        }

        if (UpToDate(current, desired))
        {
            return false;
        }

        var owner = desired.Metadata.OwnerReferences![0];
        if (!MayTakeOver(current, owner))
        {
            throw new SecretConflictException($"Secret {ns}/{name} exists and belongs to another object");
        }

        var metadata = current.Metadata ?? new V1ObjectMeta { Name = name, NamespaceProperty = ns };
        var labels = new Dictionary<string, string>(metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in desired.Metadata.Labels!)
        {
            labels[key] = value;
        }
        metadata.Labels = labels;
        metadata.OwnerReferences = [.. (metadata.OwnerReferences ?? []).Where(o => o.Controller != true && o.Uid != owner.Uid), owner];
        var replaced = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = metadata,
            Type = desired.Type,
            Data = desired.Data,
            Immutable = current.Immutable,
        };
        await ClusterCall.RunAsync($"replace secrets {ns}/{name}",
            ct => kube.CoreV1.ReplaceNamespacedSecretWithHttpMessagesAsync(replaced, name, ns, fieldManager: FieldManager, cancellationToken: ct),
            cancellationToken, sensitive: true);
        return true;
    }

    /// <summary>The provisioner's Secrets of <paramref name="bucket"/> (found by label), by name.</summary>
    public async Task<IReadOnlyDictionary<string, V1Secret>> ListAsync(string ns, string bucket, CancellationToken cancellationToken)
    {
        var selector = $"{BucketNaming.ManagedByLabel}={BucketNaming.ManagedByValue},{BucketNaming.BucketLabel}={bucket}";
        var found = new Dictionary<string, V1Secret>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await ClusterCall.RunAsync($"list secrets {ns}",
                ct => kube.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(ns, continueParameter: token, labelSelector: selector, limit: 500, cancellationToken: ct),
                cancellationToken, sensitive: true);
            foreach (var secret in page.Items ?? [])
            {
                found[secret.Metadata.Name] = secret;
            }
            token = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));
        return found;
    }

    /// <summary>The bucket user a Secret of the provisioner belongs to.</summary>
    public static string? UserOf(V1Secret secret) =>
        secret?.Metadata?.Labels is { } labels && labels.TryGetValue(BucketNaming.UserLabel, out var user) && user.Length > 0 ? user : null;

    /// <summary>Deletes both Secrets of <paramref name="user"/>; answers how many existed.</summary>
    public async Task<int> DeleteAsync(string ns, string bucket, string user, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var name in new[] { BucketNaming.InfoSecret(bucket, user), BucketNaming.CredentialsSecret(bucket, user) })
        {
            if (await ClusterCall.DeleteAsync($"delete secrets {ns}/{name}",
                ct => kube.CoreV1.DeleteNamespacedSecretWithHttpMessagesAsync(name, ns, cancellationToken: ct), cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>
    /// A Secret may be taken over when nothing controls it, or when a Bucket of the same name
    /// (an earlier one, deleted and created again) does.
    /// </summary>
    internal static bool MayTakeOver(V1Secret current, V1OwnerReference owner)
    {
        var references = current.Metadata?.OwnerReferences;
        var controller = references?.FirstOrDefault(o => o.Controller == true);
        if (controller is null)
        {
            return (current.Metadata?.Labels is { } labels && labels.TryGetValue(BucketNaming.ManagedByLabel, out var by) && by == BucketNaming.ManagedByValue)
                || references is null or { Count: 0 };
        }

        return controller.Uid == owner.Uid ||
            (controller.Kind == owner.Kind && controller.ApiVersion == owner.ApiVersion && controller.Name == owner.Name);
    }
}
