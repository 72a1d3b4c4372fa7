using HikubePortal.Bench;

return args.FirstOrDefault() switch
{
    "kube-list" => await KubeListBenchmark.RunAsync(BenchArguments.Parse(args.Skip(1)), CancellationToken.None),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: HikubePortal.Bench kube-list [--count 1000] [--runs 9] [--page-size 500] [--keep]
          Lists COUNT Buckets through the project's Kubernetes client (cluster from KUBECONFIG) and prints
          p50/min/max in ms over RUNS runs: all pages of PAGE-SIZE, and one unpaged list.
        """);
    return 2;
}
