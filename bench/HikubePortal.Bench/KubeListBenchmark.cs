using System.Diagnostics;
using System.Globalization;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using k8s.Models;

namespace HikubePortal.Bench;

/// <summary>
/// Creates COUNT Buckets in a fresh namespace (labelled so no provisioner picks them up), then times listing
/// them through the portal's <see cref="BucketApi"/>: every page of PAGE-SIZE and one unpaged list.
/// </summary>
internal static class KubeListBenchmark
{
    /// <summary>Buckets with this label are handled by no provisioner (see the provisioner's class label).</summary>
    private const string ProvisionerClassLabel = "hikube.cloud/provisioner";

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var count = args.Int("count", 1000);
        var runs = args.Int("runs", 9);
        var pageSize = args.Int("page-size", 500);
        using var kube = new k8s.Kubernetes(ClusterConfiguration.Resolve(new KubernetesOptions { RequestTimeout = TimeSpan.FromMinutes(2) }));
        var client = new BucketApi(kube);
        var ns = $"bench-{Guid.NewGuid().ToString("N")[..8]}";
        Console.WriteLine($"apiserver {kube.BaseUri}, namespace {ns}, {count} buckets, {runs} runs, page size {pageSize}");
        await ClusterCall.RunAsync("create namespace", ct => kube.CoreV1.CreateNamespaceWithHttpMessagesAsync(
            new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct), cancellationToken);
        try
        {
            var created = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var bucket = Bucket.Create(ns, $"b{i:0000}", new BucketSpec
                    {
                        Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess, ["viewer"] = BucketUser.ReadOnlyAccess },
                    });
                    bucket.Metadata.Labels = new Dictionary<string, string> { [ProvisionerClassLabel] = "bench-none" };
                    await client.CreateAsync(bucket, null, ct);
                });
            Console.WriteLine($"created {count} buckets in {created.ElapsedMilliseconds} ms");

            var paged = new List<double>();
            var unpaged = new List<double>();
            for (var run = 0; run <= runs; run++) // run 0 warms up (JIT, connections) and is not counted
            {
                var watch = Stopwatch.StartNew();
                var seen = (await client.ListAsync(ns, null, cancellationToken, pageSize: pageSize)).Items.Count;
                var pagedMs = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var all = await client.ListAsync(ns, null, cancellationToken, pageSize: null);
                var unpagedMs = watch.Elapsed.TotalMilliseconds;
                if (seen != count || all.Items.Count != count)
                {
                    await Console.Error.WriteLineAsync($"expected {count} buckets, listed {seen} (paged) and {all.Items.Count} (unpaged)");
                    return 1;
                }
                if (run > 0)
                {
                    paged.Add(pagedMs);
                    unpaged.Add(unpagedMs);
                }
            }
            Console.WriteLine(Line($"list {count} buckets, pages of {pageSize}", paged));
            Console.WriteLine(Line($"list {count} buckets, one unpaged request", unpaged));
            return 0;
        }
        finally
        {
            if (!args.Flag("keep"))
            {
                await ClusterCall.DeleteAsync("delete namespace", ct => kube.CoreV1.DeleteNamespaceWithHttpMessagesAsync(ns, cancellationToken: ct), CancellationToken.None);
            }
        }
    }

    private static string Line(string what, List<double> samples)
    {
        var sorted = samples.Order().ToList();
        var p50 = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}: p50 {p50:0.0} ms, min {sorted[0]:0.0} ms, max {sorted[^1]:0.0} ms over {sorted.Count} runs");
    }
}
