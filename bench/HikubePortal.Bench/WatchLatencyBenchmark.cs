using System.Diagnostics;
using System.Globalization;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Watching;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HikubePortal.Bench;

/// <summary>
/// How long a change made with kubectl takes to reach a subscriber of the portal's bucket watch cache. A fresh tenant
/// namespace (set up as the portal does it, with the admin kubeconfig), a cache opened with the portal's kubeconfig as
/// <c>hikube-portal:bucket-watch</c> in the tenant's view group, then CHANGES patches of one Bucket with kubectl.
/// Prints p50/p95 from the start of kubectl and from its exit (kubectl itself takes ~100 ms to start).
/// </summary>
internal static class WatchLatencyBenchmark
{
    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var changes = args.Int("changes", 100);
        var admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(args.Required("admin-kubeconfig")));
        var portal = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(args.Required("portal-kubeconfig")));
        var tenant = $"wlat{Guid.NewGuid().ToString("N")[..8]}";
        var ns = $"tenant-{tenant}";
        await new TenantNamespaces(admin).EnsureAsync(ns, new Dictionary<string, string> { ["cozy:tenant:view"] = $"{ns}-view" }, cancellationToken);
        var bucket = Bucket.Create(ns, "latency");
        bucket.Metadata.Labels = new Dictionary<string, string> { ["hikube.cloud/provisioner"] = "bench-none" };
        await new BucketApi(admin).CreateAsync(bucket, null, cancellationToken);
        using var caches = new BucketWatchCaches(portal, n => new Impersonation("hikube-portal:bucket-watch", $"{n}-view"),
            Options.Create(new KubernetesOptions()), TimeProvider.System, NullLoggerFactory.Instance);
        try
        {
            var cache = await caches.OpenSyncedAsync(ns, cancellationToken);
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            var gate = new object();
            using var subscription = cache.Subscribe(change =>
            {
                if (change.Bucket?.Spec?.StoragePool is { } pool)
                {
                    lock (gate)
                    {
                        seen.TryAdd(pool, Stopwatch.GetTimestamp());
                    }
                }
            });
            var fromStart = new List<double>();
            var fromExit = new List<double>();
            for (var i = 0; i <= changes; i++) // change 0 warms kubectl's cache and connections up
            {
                var pool = $"p{i}";
                var started = Stopwatch.GetTimestamp();
                var kubectl = Process.Start(new ProcessStartInfo("kubectl", ["patch", "bucket", "latency", "-n", ns, "--type", "merge", "-p", $$$"""{"spec":{"storagePool":"{{{pool}}}"}}"""])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                await kubectl.WaitForExitAsync(cancellationToken);
                var exited = Stopwatch.GetTimestamp();
                if (kubectl.ExitCode != 0)
                {
                    await Console.Error.WriteLineAsync($"kubectl failed: {await kubectl.StandardError.ReadToEndAsync(cancellationToken)}");
                    return 1;
                }
                long arrived;
                var deadline = Stopwatch.StartNew();
                while (true)
                {
                    lock (gate)
                    {
                        if (seen.TryGetValue(pool, out arrived))
                        {
                            break;
                        }
                    }
                    if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        await Console.Error.WriteLineAsync($"change {pool} never reached the subscriber");
                        return 1;
                    }
                    await Task.Delay(1, cancellationToken);
                }
                if (i > 0)
                {
                    fromStart.Add(Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds);
                    fromExit.Add(Math.Max(0, Stopwatch.GetElapsedTime(exited, arrived).TotalMilliseconds));
                }
            }
            Console.WriteLine(Line($"kubectl patch -> subscriber, from kubectl's start ({changes} changes)", fromStart));
            Console.WriteLine(Line($"kubectl patch -> subscriber, after kubectl exited (0 = the event came first)", fromExit));
            return 0;
        }
        finally
        {
            await ClusterCall.DeleteAsync("delete namespace", ct => admin.CoreV1.DeleteNamespaceWithHttpMessagesAsync(ns, cancellationToken: ct), CancellationToken.None);
        }
    }

    private static string Line(string what, List<double> samples)
    {
        var sorted = samples.Order().ToList();
        double P(int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{what}: p50 {P(50):0.0} ms, p95 {P(95):0.0} ms, max {sorted[^1]:0.0} ms");
    }
}
