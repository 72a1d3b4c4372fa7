using System.Collections.Concurrent;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Provisioner.Radosgw;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>
/// Keeps each Bucket's Workload in step with radosgw's bucket stats: once a Bucket is provisioned, then every
/// <see cref="ProvisionerOptions.UsageInterval"/> for all of them from one stats call. A Workload is written only when
/// what it reports changed (and confirmed again every <see cref="ProvisionerOptions.ResyncInterval"/>).
/// </summary>
internal sealed partial class UsageReporter(
    RadosgwAdminClient admin,
    WorkloadWriter workloads,
    IOptions<ProvisionerOptions> options,
    TimeProvider time,
    ILogger<UsageReporter> logger)
{
    private readonly ConcurrentDictionary<BucketKey, (BucketUsageReport Report, DateTimeOffset At)> _written = new();

    /// <summary>Reports one Bucket from its own stats (after a reconcile).</summary>
    public async Task ReportAsync(Bucket bucket, bool operational, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (bucket.Metadata.Uid is { } uid && await admin.GetBucketStatsAsync(BucketNaming.S3Bucket(uid), cancellationToken) is { } stats)
        {
            await WriteAsync(bucket, Report(stats, operational), cancellationToken);
        }
    }

    /// <summary>Reports every Bucket in <paramref name="buckets"/> that is not being deleted, from one stats call.</summary>
    public async Task ReportAllAsync(IEnumerable<Bucket> buckets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var stats = await admin.ListBucketStatsAsync(cancellationToken);
        foreach (var bucket in buckets.Where(b => b.Metadata.DeletionTimestamp is null && b.Metadata.Uid is not null))
        {
            if (stats.TryGetValue(BucketNaming.S3Bucket(bucket.Metadata.Uid!), out var found))
            {
                await WriteAsync(bucket, Report(found, bucket.State.Phase == BucketPhase.Ready), cancellationToken);
            }
        }
    }

    /// <summary>Forgets what was written for a Bucket that is gone (its Workload goes with it).</summary>
    public void Forget(BucketKey key) => _written.TryRemove(key, out _);

    private static BucketUsageReport Report(RgwBucketStats stats, bool operational) =>
        new(operational, stats.SizeBytes, Math.Max(stats.AllocatedBytes, stats.SizeBytes));

    private async Task WriteAsync(Bucket bucket, BucketUsageReport report, CancellationToken cancellationToken)
    {
        var key = new BucketKey(bucket.Namespace, bucket.Name);
        var now = time.GetUtcNow();
        if (_written.TryGetValue(key, out var last) && last.Report == report && now - last.At < options.Value.ResyncInterval)
        {
            return;
        }
        if (await workloads.ApplyAsync(bucket, report, cancellationToken))
        {
            LogReported(logger, key, report.StorageBytes, report.Operational);
        }
        _written[key] = (report, now);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Workload of Bucket {Bucket} reports {Bytes} bytes (operational: {Operational})")]
    private static partial void LogReported(ILogger logger, BucketKey bucket, long bytes, bool operational);
}
