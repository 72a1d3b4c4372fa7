using HikubePortal.Bench;

return args.FirstOrDefault() switch
{
    "kube-list" => await KubeListBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1)), CancellationToken.None),
    "browser-upload" => await BrowserTransferBenchmark.UploadAsync(BenchArguments.Parse(args.Skip(1)), CancellationToken.None),
    "browser-download" => await BrowserTransferBenchmark.DownloadAsync(BenchArguments.Parse(args.Skip(1)), CancellationToken.None),
    "object-list" => await ObjectListBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1)), CancellationToken.None),
    "circuits" => await CircuitsBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1)), CancellationToken.None),
    "watch-latency" => await WatchLatencyBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1)), CancellationToken.None),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: HikubePortal.Bench kube-list [--count 1000] [--runs 9] [--page-size 500] [--keep]
          Lists COUNT Buckets through the project's Kubernetes client (cluster from KUBECONFIG) and prints
          p50/min/max in ms over RUNS runs: all pages of PAGE-SIZE, and one unpaged list.
        usage: HikubePortal.Bench watch-latency --admin-kubeconfig PATH --portal-kubeconfig PATH [--changes 100]
          Patches a Bucket CHANGES times with kubectl and prints how long each change takes to reach a subscriber of the
          portal's bucket watch cache (run as the portal does: impersonating the tenant's view group), p50/p95.
        usage: HikubePortal.Bench object-list --url PORTAL-OBJECTS-PAGE [--prefix many/] [--count 100000] [--page-size 1000]
                 [--pages 0 (all)] [--concurrency 32] [--portal-pid PID] [--browser-loads 20] [--browser-pages 20]
          Seeds COUNT empty objects in PREFIX (BENCH_S3_* variables), pages through them in the portal (BENCH_COOKIE)
          and prints the time to the first page, per page, and the portal's RSS while paging; then, in Chromium, the time
          until rows are painted on BROWSER-LOADS fresh loads of the first page and BROWSER-PAGES clicks on Next (p50/p95).
        usage: HikubePortal.Bench circuits --url PORTAL-PAGE --portal-pid PID [--circuits 200] [--idle-seconds 60]
          Opens the page in CIRCUITS Chromium tabs (BENCH_COOKIE), each an interactive circuit; prints navigation ->
          interactive p50/p95, the portal's RSS growth per circuit and its CPU with the circuits idle.
        usage: HikubePortal.Bench browser-upload --page PORTAL-UPLOADS-PAGE --file PATH [--portal-pid PID]
               HikubePortal.Bench browser-download --page PORTAL-FOLDER-PAGE --name FILE-NAME [--portal-pid PID]
          Sends or fetches a file in Chromium through the portal's pages (BENCH_COOKIE), printing seconds, MiB/s, RSS.
        """);
    return 2;
}
