using System.Text.Json.Nodes;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>What a bucket's Workload reports: whether its storage works and the bytes it holds and takes.</summary>
internal sealed record BucketUsageReport(bool Operational, long StorageBytes, long PhysicalBytes);

/// <summary>
/// Writes the Workload <c>bucket-bucket-&lt;name&gt;</c> of a Bucket the way Cozystack's monitoring reports a bucket:
/// <c>status.operational</c> and <c>status.resources</c> (<c>s3-buckets</c>, <c>s3-storage-bytes</c>,
/// <c>s3-physical-storage-bytes</c> as Kubernetes quantities), owned by the Bucket so that it goes with it.
/// </summary>
internal sealed class WorkloadWriter(IKubernetes kube)
{
    private static readonly CustomResourceType R = Workload.Resource;

    /// <summary>The status for <paramref name="report"/>.</summary>
    public static JsonObject Status(BucketUsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["kind"] = "bucket",
            ["type"] = "s3",
            ["operational"] = report.Operational,
            ["resources"] = new JsonObject
            {
                [WorkloadStatus.Buckets] = "1",
                [WorkloadStatus.StorageBytes] = StorageQuantity.Format(report.StorageBytes),
                [WorkloadStatus.PhysicalStorageBytes] = StorageQuantity.Format(report.PhysicalBytes),
            },
        };
    }

    /// <summary>Whether <paramref name="current"/> already says <paramref name="report"/> and is owned by <paramref name="bucket"/>.</summary>
    public static bool UpToDate(Workload current, Bucket bucket, BucketUsageReport report)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(report);
        var status = current.Status;
        return status?.Operational == report.Operational
            && status.Amount(WorkloadStatus.StorageBytes) == report.StorageBytes
            && status.Amount(WorkloadStatus.PhysicalStorageBytes) == report.PhysicalBytes
            && status.Amount(WorkloadStatus.Buckets) == 1
            && (current.Metadata.OwnerReferences?.Any(o => o.Uid == bucket.Metadata.Uid && o.Controller == true) ?? false);
    }

    /// <summary>Creates or updates the Workload of <paramref name="bucket"/>; answers whether anything was written.</summary>
    public async Task<bool> ApplyAsync(Bucket bucket, BucketUsageReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var ns = bucket.Namespace;
        var name = Workload.ForBucket(bucket.Name);
        var metadata = new JsonObject
        {
            ["labels"] = new JsonObject
            {
                [BucketNaming.ManagedByLabel] = BucketNaming.ManagedByValue,
                [BucketNaming.BucketLabel] = bucket.Name,
            },
            ["ownerReferences"] = new JsonArray(OwnerOf(bucket)),
        };
        var current = await ClusterCall.FindAsync(R.Describe("get", ns, name),
            ct => kube.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<Workload>(R.Group, R.Version, ns, R.Plural, name, cancellationToken: ct),
            cancellationToken);
        if (current is null)
        {
            metadata["name"] = name;
            metadata["namespace"] = ns;
            var body = new JsonObject { ["apiVersion"] = R.ApiVersion, ["kind"] = R.Kind, ["metadata"] = metadata, ["status"] = Status(report) };
            try
            {
                await ClusterCall.RunAsync(R.Describe("create", ns, name),
                    ct => kube.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<Workload>(
                        body, R.Group, R.Version, ns, R.Plural, fieldManager: BucketNaming.ManagedByValue, cancellationToken: ct), cancellationToken);
                return true;
            }
            catch (KubernetesAlreadyExistsException)
            {
                // written meanwhile: patch it below
            }
        }
        else if (UpToDate(current, bucket, report))
        {
            return false;
        }
        var patch = new JsonObject { ["metadata"] = metadata, ["status"] = Status(report) };
        await ClusterCall.RunAsync(R.Describe("patch", ns, name),
            ct => kube.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<Workload>(
                BucketApi.MergePatch(patch.ToJsonString()), R.Group, R.Version, ns, R.Plural, name,
                fieldManager: BucketNaming.ManagedByValue, cancellationToken: ct), cancellationToken);
        return true;
    }

    private static JsonObject OwnerOf(Bucket bucket)
    {
        var owner = SecretWriter.Owner(bucket);
        return new JsonObject
        {
            ["apiVersion"] = owner.ApiVersion,
            ["kind"] = owner.Kind,
            ["name"] = owner.Name,
            ["uid"] = owner.Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
    }
}
