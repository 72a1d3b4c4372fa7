using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;
using k8s;
using k8s.Models;

namespace HikubePortal.Application.Buckets;

/// <summary>The storage a tenant uses over its buckets (role view), from the same source as the bucket list.</summary>
public interface ITenantUsageService
{
    Task<TenantUsage> GetAsync(string tenant, CancellationToken cancellationToken);
}

/// <summary>
/// A tenant's buckets and their size: how many, how many have a size reported by the platform (<paramref name="Measured"/>),
/// their total, the largest ones, and the tenant's bucket quota when the cluster has one (null: none reported).
/// </summary>
public sealed record TenantUsage(int Buckets, int Measured, long TotalBytes, IReadOnlyList<BucketSize> Largest, BucketQuota? Quota);

/// <summary>A bucket and the bytes it stores.</summary>
public sealed record BucketSize(string Name, long Bytes);

/// <summary>A ResourceQuota on the tenant's buckets: how many it allows and how many are counted.</summary>
public sealed record BucketQuota(long Hard, long Used);

internal sealed class TenantUsageService(BucketWatchCaches caches, TenantScopes scopes, IKubernetes kube) : ITenantUsageService
{
    /// <summary>The quota resource Kubernetes counts Buckets of a namespace with.</summary>
    public const string BucketCountResource = "count/buckets.apps.cozystack.io";

    public const int LargestShown = 5;

    public async Task<TenantUsage> GetAsync(string tenant, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.View, cancellationToken);
        var rows = BucketRows.Of(await BucketService.OpenSyncedAsync(caches, scope, cancellationToken));
        var measured = rows.Summaries.Where(s => s.SizeBytes is not null).ToList();
        var largest = measured.OrderByDescending(s => s.SizeBytes).ThenBy(s => s.Name, StringComparer.Ordinal).Take(LargestShown)
            .Select(s => new BucketSize(s.Name, s.SizeBytes!.Value)).ToList();
        return new TenantUsage(rows.Summaries.Count, measured.Count, measured.Sum(s => s.SizeBytes!.Value), largest,
            await QuotaAsync(scope, cancellationToken));
    }

    /// <summary>The tightest bucket-count quota of the namespace; null when there is none or the user may not read quotas.</summary>
    private async Task<BucketQuota?> QuotaAsync(TenantScope scope, CancellationToken cancellationToken)
    {
        V1ResourceQuotaList quotas;
        try
        {
            quotas = await ClusterCall.RunAsync($"list resourcequotas {scope.Namespace}",
                ct => kube.CoreV1.ListNamespacedResourceQuotaWithHttpMessagesAsync(scope.Namespace,
                    customHeaders: Impersonation.HeadersOf(scope.As), cancellationToken: ct), cancellationToken);
        }
        catch (KubernetesForbiddenException)
        {
            return null; // a platform that does not let tenants read quotas reports none
        }
        return quotas.Items
            .Where(q => q.Spec?.Hard?.ContainsKey(BucketCountResource) == true)
            .Select(q => new BucketQuota(
                (long)q.Spec.Hard[BucketCountResource].ToDecimal(),
                q.Status?.Used?.TryGetValue(BucketCountResource, out var used) == true ? (long)used.ToDecimal() : 0))
            .OrderBy(q => q.Hard - q.Used)
            .FirstOrDefault();
    }
}
