using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AngleSharp.Html.Parser;

namespace HikubePortal.Bench;

/// <summary>
/// A folder with COUNT objects, browsed through the portal: seeds the objects straight into the bucket (skipped when
/// they are there), then pages through the folder's listing page in the portal with its Next links and reports the
/// time to the first page, the time per page, and the portal's RSS while paging; then the time until rows are painted
/// in Chromium, on a fresh load of the first page and after a click on Next (<see cref="ListingInChromium"/>).
/// Storage credentials come from <c>BENCH_S3_ENDPOINT</c>, <c>BENCH_S3_ACCESS_KEY</c>, <c>BENCH_S3_SECRET_KEY</c>,
/// <c>BENCH_S3_BUCKET</c>; the signed-in session from <c>BENCH_COOKIE</c> (never arguments: they show in ps).
/// </summary>
internal static class ObjectListBenchmark
{
    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var count = args.Int("count", 100_000);
        var prefix = args.String("prefix") ?? "many/";
        var pageSize = args.Int("page-size", 1000);
        var maxPages = args.Int("pages", 0);
        var pageUrl = args.Required("url");
        var portalPid = args.Int("portal-pid", 0);
        var browserLoads = args.Int("browser-loads", 20);
        var browserPages = args.Int("browser-pages", 20);

        await SeedAsync(prefix, count, args.Int("concurrency", 32), cancellationToken);

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("Cookie", Need("BENCH_COOKIE"));
        var parser = new HtmlParser();
        var first = new Uri($"{pageUrl}?prefix={Uri.EscapeDataString(prefix)}&size={pageSize}");

        // One warm-up view (JIT, connection pool, client cache), not counted.
        await FetchAsync(http, first, cancellationToken);

        await using var memory = portalPid > 0 ? ProcessMemory.Watch(portalPid, TimeSpan.FromMilliseconds(50)) : null;
        var cpuBefore = portalPid > 0 ? ProcessMemory.CpuSeconds(portalPid) : 0;
        var times = new List<double>();
        var listing = new List<double>();
        var rows = 0;
        var emptyPages = 0;
        var prerendered = 0;
        Uri? next = first;
        while (next is not null && (maxPages == 0 || times.Count < maxPages))
        {
            var watch = Stopwatch.StartNew();
            var html = await FetchAsync(http, next, cancellationToken);
            times.Add(watch.Elapsed.TotalMilliseconds);
            var document = await parser.ParseDocumentAsync(html, cancellationToken);
            // The page lists the whole page of keys (the grid says how many) and prerenders only its first rows.
            var grid = document.QuerySelector("[data-testid=object-grid]");
            var pageRows = int.Parse(grid?.GetAttribute("data-row-count") ?? "0", CultureInfo.InvariantCulture);
            rows += pageRows;
            emptyPages += pageRows == 0 ? 1 : 0;
            listing.Add(double.Parse(grid?.GetAttribute("data-server-ms") ?? "0", CultureInfo.InvariantCulture));
            prerendered += document.QuerySelectorAll("[data-testid=object-row]").Length;
            var link = document.QuerySelector("a[rel=next]")?.GetAttribute("href");
            next = link is null ? null : new Uri(first, System.Net.WebUtility.HtmlDecode(link));
        }

        var cpuPerPage = portalPid > 0 ? (ProcessMemory.CpuSeconds(portalPid) - cpuBefore) * 1000 / times.Count : 0;
        var perPage = times.Skip(1).Order().ToArray();
        var listingPerPage = listing.Skip(1).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            folder:               {prefix} ({count:N0} objects seeded), page size {pageSize}
            pages viewed:         {times.Count} ({rows:N0} object rows listed, {prerendered:N0} of them in the HTML before the page is interactive)
            time to first page:   {times[0]:F0} ms
            time per next page:   p50 {Percentile(perPage, 0.50):F0} ms, p95 {Percentile(perPage, 0.95):F0} ms, max {(perPage.Length == 0 ? 0 : perPage[^1]):F0} ms
            of it, the listing:   p50 {Percentile(listingPerPage, 0.50):F0} ms, p95 {Percentile(listingPerPage, 0.95):F0} ms (credentials as the user + the S3 list; first page {listing[0]:F0} ms)
            total paging time:    {times.Sum() / 1000:F1} s
            portal CPU per page:  {cpuPerPage:F0} ms (user + system, all threads; 0 without --portal-pid)
            """));
        if (memory is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"portal RSS:           {memory.First:F0} MiB before paging, max {memory.Max:F0} MiB while paging, {memory.Current():F0} MiB after"));
        }
        // Walked to the end: every object was listed. Stopped by --pages: every page listed rows (radosgw may answer a
        // page with fewer than the page size, so the count says nothing there).
        if (next is null ? rows < count : emptyPages > 0)
        {
            return Fail($"expected {count} object rows, saw {rows} in {times.Count} pages ({emptyPages} without rows)");
        }
        if (browserLoads + browserPages > 0 && !await ListingInChromium.RunAsync(first, browserLoads, browserPages, cancellationToken))
        {
            return Fail("the browser logged errors on the object browser");
        }
        return 0;
    }

    private static async Task<string> FetchAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        if (!response.IsSuccessStatusCode || response.RequestMessage?.RequestUri?.AbsolutePath.Contains("/account/login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"GET {url.PathAndQuery} answered {(int)response.StatusCode} at {response.RequestMessage?.RequestUri?.AbsolutePath}");
        }
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Puts empty objects <c>PREFIX/obj-000000.txt</c>… until the folder holds COUNT of them.</summary>
    private static async Task SeedAsync(string prefix, int count, int concurrency, CancellationToken cancellationToken)
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(Need("BENCH_S3_ACCESS_KEY"), Need("BENCH_S3_SECRET_KEY")), new AmazonS3Config
        {
            ServiceURL = Need("BENCH_S3_ENDPOINT"),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        var bucket = Need("BENCH_S3_BUCKET");
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1000 };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var o in page.S3Objects ?? [])
            {
                existing.Add(o.Key);
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        var missing = Enumerable.Range(0, count).Select(i => $"{prefix}obj-{i:000000}.txt").Where(k => !existing.Contains(k)).ToArray();
        if (missing.Length == 0)
        {
            Console.WriteLine($"seed: {existing.Count:N0} objects already in {prefix}");
            return;
        }
        var watch = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = string.Empty }, ct);
            if (Interlocked.Increment(ref done) % 10_000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: {done:N0} of {missing.Length:N0} ({watch.Elapsed.TotalSeconds:F0} s)"));
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: put {missing.Length:N0} objects in {watch.Elapsed.TotalSeconds:F0} s"));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Need(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set.");

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
