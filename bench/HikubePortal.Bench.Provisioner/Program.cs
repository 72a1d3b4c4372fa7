using System.Diagnostics;
using System.Globalization;
using Amazon.S3.Model;
using HikubePortal.Bench.Provisioner;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Provisioner.Radosgw;
using HikubePortal.Testing;

// Times the bucket provisioner of a running local platform (settings from `platform.sh env`):
//   1. N Buckets one after another: create -> Ready, and create -> credentials usable (read through the
//      project's credentials reader, then an S3 call with them succeeds); p50/p95.
//   2. M Buckets created at once: time until all are Ready; the provisioner's peak RSS meanwhile.
// Usage: HikubePortal.Bench.Provisioner [--sequential 20] [--burst 200] [--pid PID] [--create-parallelism 16]
var sequential = Option("--sequential", 20);
var burst = Option("--burst", 200);
var pid = Option("--pid", 0);
var parallelism = Option("--create-parallelism", 16);

var platform = LocalPlatform.Current;
using var cluster = TestCluster.FromKubeconfig(platform.AdminKubeconfig);
var kube = cluster.Buckets;
var ns = $"tenant-{LocalPlatform.UniqueName("bench")}";
await cluster.CreateNamespaceAsync(ns);
var clock = Stopwatch.StartNew();
await using var watcher = new ReadyWatcher(cluster.Kube, ns, clock);
watcher.Start();
var spec = new BucketSpec { Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess, ["viewer"] = BucketUser.ReadOnlyAccess } };
var s3Endpoint = new Uri(platform.S3Endpoint);

Console.WriteLine($"platform {platform.Name}; namespace {ns}; Buckets with users admin (read-write) and viewer (read-only)");
try
{
    // Warm-up (not counted): JIT and connection pools on both sides.
    await MeasureOneAsync("warmup");

    var toReady = new List<double>();
    var toUsable = new List<double>();
    for (var i = 0; i < sequential; i++)
    {
        var (ready, usable) = await MeasureOneAsync($"seq-{i:D3}");
        toReady.Add(ready.TotalMilliseconds);
        toUsable.Add(usable.TotalMilliseconds);
    }

    Console.WriteLine($"sequential, {sequential} Buckets: create->Ready p50 {P(toReady, 50):F0} ms, p95 {P(toReady, 95):F0} ms (min {toReady.Min():F0}, max {toReady.Max():F0})");
    Console.WriteLine($"sequential, {sequential} Buckets: create->credentials usable p50 {P(toUsable, 50):F0} ms, p95 {P(toUsable, 95):F0} ms (min {toUsable.Min():F0}, max {toUsable.Max():F0})");

    var hwmBefore = pid > 0 ? RssSampler.ReadKiB(pid, "VmHWM") : null;
    var rssBefore = pid > 0 ? RssSampler.ReadKiB(pid, "VmRSS") : null;
    await using var sampler = new RssSampler(pid);
    if (pid > 0)
    {
        sampler.Start();
    }

    var names = Enumerable.Range(0, burst).Select(i => $"burst-{i:D3}").ToList();
    var start = clock.Elapsed;
    await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
        async (name, ct) => await kube.CreateAsync(Bucket.Create(ns, name, spec), null, ct));
    var created = clock.Elapsed - start;
    var readyTimes = await Task.WhenAll(names.Select(watcher.ReadyAsync));
    var allReady = readyTimes.Max() - start;
    await sampler.DisposeAsync();
    var hwmAfter = pid > 0 ? RssSampler.ReadKiB(pid, "VmHWM") : null;

    Console.WriteLine($"burst, {burst} Buckets created at once ({parallelism} parallel creates, all created after {created.TotalMilliseconds:F0} ms): all Ready after {allReady.TotalMilliseconds:F0} ms ({burst / allReady.TotalSeconds:F1} Buckets/s)");
    if (pid > 0)
    {
        Console.WriteLine($"provisioner pid {pid}: RSS before {rssBefore / 1024.0:F1} MiB, peak sampled during the burst {sampler.PeakKiB / 1024.0:F1} MiB, VmHWM {hwmBefore / 1024.0:F1} -> {hwmAfter / 1024.0:F1} MiB");
    }
}
finally
{
    var cleanup = Stopwatch.StartNew();
    var left = await kube.ListAsync(ns, null, default);
    await Parallel.ForEachAsync(left.Items, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
        async (b, ct) => await kube.DeleteAsync(ns, b.Name, null, ct));
    while ((await kube.ListAsync(ns, null, default)).Items.Count > 0)
    {
        await Task.Delay(200);
    }

    Console.WriteLine($"cleanup: {left.Items.Count} Buckets deleted (bucket, objects, users, keys, Secrets) in {cleanup.Elapsed.TotalMilliseconds:F0} ms");
    await cluster.DeleteNamespaceAsync(ns);
}

async Task<(TimeSpan Ready, TimeSpan Usable)> MeasureOneAsync(string name)
{
    var start = clock.Elapsed;
    await kube.CreateAsync(Bucket.Create(ns, name, spec), null, default);
    var ready = await watcher.ReadyAsync(name).WaitAsync(TimeSpan.FromMinutes(2)) - start;
    while (true)
    {
        var result = await BucketCredentialsReader.ReadAsync(new KubernetesSecretSource(cluster.Kube), ns, name, "admin", CancellationToken.None);
        if (result.Credentials is { } credentials)
        {
            // The -credentials Secret has no scheme (Cozystack's shape); the local radosgw speaks http.
            var endpoint = new UriBuilder(credentials.Endpoint) { Scheme = s3Endpoint.Scheme, Port = s3Endpoint.Port }.Uri;
            using var s3 = S3Clients.Create(endpoint, credentials.AccessKey, credentials.SecretKey, credentials.Region, TimeSpan.FromSeconds(10));
            try
            {
                await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = credentials.BucketName, MaxKeys = 1 });
                return (ready, clock.Elapsed - start);
            }
            catch (Amazon.S3.AmazonS3Exception)
            {
                // not usable yet
            }
        }

        await Task.Delay(10);
    }
}

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
    return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
