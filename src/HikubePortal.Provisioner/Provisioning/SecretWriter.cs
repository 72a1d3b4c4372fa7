using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Models;

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
internal sealed class SecretWriter(IKubernetesClient kube)
{
    private static readonly RequestOptions Write = new() { FieldManager = BucketNaming.ManagedByValue };

    /// <summary>The two Secrets of <paramref name="user"/> as they should be.</summary>
    public static IReadOnlyList<Secret> Desired(Bucket bucket, string user, UserAccess access)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var ns = bucket.Metadata.Namespace!;
        var labels = Labels(bucket.Name, user);
        var owner = new OwnerReference
        {
            ApiVersion = Bucket.Resource.ApiVersion,
            Kind = Bucket.Resource.Kind,
            Name = bucket.Name,
            Uid = bucket.Metadata.Uid!,
            Controller = true,
            BlockOwnerDeletion = true,
        };
        var info = Secret.FromStrings(ns, BucketNaming.InfoSecret(bucket.Name, user), CredentialSecrets.InfoData(access), labels: labels);
        var credentials = Secret.FromStrings(ns, BucketNaming.CredentialsSecret(bucket.Name, user), CredentialSecrets.CredentialsData(access),
            labels: new Dictionary<string, string>(labels, StringComparer.Ordinal) { [BucketNaming.UserSecretLabel] = "true" });
        return
        [
            info with { Metadata = info.Metadata with { OwnerReferences = [owner] } },
            credentials with { Metadata = credentials.Metadata with { OwnerReferences = [owner] } },
        ];
    }

    public static Dictionary<string, string> Labels(string bucket, string user) => new(StringComparer.Ordinal)
    {
        [BucketNaming.ManagedByLabel] = BucketNaming.ManagedByValue,
        [BucketNaming.BucketLabel] = bucket,
        [BucketNaming.UserLabel] = user,
    };

    /// <summary>True when <paramref name="current"/> already has the data, type, labels and owner of <paramref name="desired"/>.</summary>
    public static bool UpToDate(Secret current, Secret desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        var data = current.Data ?? new Dictionary<string, byte[]>();
        var wanted = desired.Data ?? new Dictionary<string, byte[]>();
        var sameData = data.Count == wanted.Count &&
            wanted.All(kv => data.TryGetValue(kv.Key, out var value) && value.AsSpan().SequenceEqual(kv.Value));
        var labels = current.Metadata.Labels ?? new Dictionary<string, string>();
        var sameLabels = (desired.Metadata.Labels ?? new Dictionary<string, string>())
            .All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);
        var owner = desired.Metadata.OwnerReferences![0];
        var owned = current.Metadata.OwnerReferences?.Any(o => o == owner) ?? false;
        return sameData && sameLabels && owned && (current.Type ?? "Opaque") == desired.Type;
    }

    /// <summary>
    /// Creates or updates <paramref name="desired"/> given what is stored (<paramref name="current"/>, null when
    /// unknown: it is read then); answers whether anything was written.
    /// </summary>
    public async Task<bool> ApplyAsync(Secret desired, Secret? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var ns = desired.Metadata.Namespace;
        var name = desired.Metadata.Name!;
        if (current is null)
        {
            try
            {
                await kube.CreateAsync(ResourceType.Secrets, ns, desired, Write, cancellationToken);
                return true;
            }
            catch (KubernetesAlreadyExistsException)
            {
                current = await kube.GetAsync<Secret>(ResourceType.Secrets, ns, name, cancellationToken: cancellationToken);
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

        var labels = new Dictionary<string, string>(current.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in desired.Metadata.Labels!)
        {
            labels[key] = value;
        }

        var replaced = current with
        {
            Metadata = current.Metadata with
            {
                Labels = labels,
                OwnerReferences = [.. (current.Metadata.OwnerReferences ?? []).Where(o => o.Controller != true && o.Uid != owner.Uid), owner],
            },
            Type = desired.Type,
            Data = desired.Data,
            StringData = null,
        };
        await kube.ReplaceAsync(ResourceType.Secrets, ns, replaced, Write, cancellationToken);
        return true;
    }

    /// <summary>The provisioner's Secrets of <paramref name="bucket"/> (found by label), by name.</summary>
    public async Task<IReadOnlyDictionary<string, Secret>> ListAsync(string ns, string bucket, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Secret>(StringComparer.Ordinal);
        var selector = new ListOptions
        {
            LabelSelector = $"{BucketNaming.ManagedByLabel}={BucketNaming.ManagedByValue},{BucketNaming.BucketLabel}={bucket}",
        };
        await foreach (var secret in kube.ListAllAsync<Secret>(ResourceType.Secrets, ns, selector, cancellationToken))
        {
            found[secret.Metadata.Name!] = secret;
        }

        return found;
    }

    /// <summary>The bucket user a Secret of the provisioner belongs to.</summary>
    public static string? UserOf(Secret secret) =>
        secret?.Metadata.Labels?.GetValueOrDefault(BucketNaming.UserLabel) is { Length: > 0 } user ? user : null;

    /// <summary>Deletes both Secrets of <paramref name="user"/>; answers how many existed.</summary>
    public async Task<int> DeleteAsync(string ns, string bucket, string user, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var name in new[] { BucketNaming.InfoSecret(bucket, user), BucketNaming.CredentialsSecret(bucket, user) })
        {
            if (await kube.DeleteIfExistsAsync(ResourceType.Secrets, ns, name, cancellationToken: cancellationToken))
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
    internal static bool MayTakeOver(Secret current, OwnerReference owner)
    {
        var controller = current.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (controller is null)
        {
            return current.Metadata.Labels?.GetValueOrDefault(BucketNaming.ManagedByLabel) == BucketNaming.ManagedByValue
                || current.Metadata.OwnerReferences is null or { Count: 0 };
        }

        return controller.Uid == owner.Uid ||
            (controller.Kind == owner.Kind && controller.ApiVersion == owner.ApiVersion && controller.Name == owner.Name);
    }
}
