using HikubePortal.Application.Buckets;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.UnitTests.Buckets;

public sealed class BucketListingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly BucketSummary[] Buckets =
    [
        Summary("photos", BucketPhase.Ready, 2, T0.AddDays(3)),
        Summary("backups", BucketPhase.Provisioning, 1, T0.AddDays(1)),
        Summary("archive", BucketPhase.Failed, 3, T0.AddDays(2)),
        Summary("logs", BucketPhase.Deleting, 1, T0),
    ];

    [Fact]
    public void Sorts_by_name_by_default()
    {
        var page = BucketListing.Apply(Buckets, new BucketListQuery());

        Assert.Equal(["archive", "backups", "logs", "photos"], page.Items.Select(b => b.Name));
        Assert.Equal(4, page.Total);
        Assert.Equal(4, page.Matching);
    }

    [Theory]
    [InlineData(BucketSort.Created, false, new[] { "logs", "backups", "archive", "photos" })]
    [InlineData(BucketSort.Created, true, new[] { "photos", "archive", "backups", "logs" })]
    [InlineData(BucketSort.Users, true, new[] { "archive", "photos", "backups", "logs" })]
    [InlineData(BucketSort.Status, false, new[] { "backups", "photos", "archive", "logs" })]
    public void Sorts_by_a_column_then_by_name(BucketSort sort, bool descending, string[] expected)
    {
        var page = BucketListing.Apply(Buckets, new BucketListQuery(Sort: sort, Descending: descending));

        Assert.Equal(expected, page.Items.Select(b => b.Name));
    }

    [Theory]
    [InlineData(false, new[] { "backups", "logs", "archive", "photos" })]
    [InlineData(true, new[] { "photos", "archive", "backups", "logs" })]
    public void Sorts_by_the_reported_size_with_unknown_sizes_as_the_smallest(bool descending, string[] expected)
    {
        BucketSummary[] sized =
        [
            Buckets[0] with { SizeBytes = 5L << 30 },
            Buckets[1],
            Buckets[2] with { SizeBytes = 0 },
            Buckets[3],
        ];

        var page = BucketListing.Apply(sized, new BucketListQuery(Sort: BucketSort.Size, Descending: descending));

        Assert.Equal(expected, page.Items.Select(b => b.Name));
    }

    [Fact]
    public void The_size_comes_from_the_buckets_workload()
    {
        var bucket = Bucket.Create("tenant-a", "photos");
        var workload = k8s.KubernetesJson.Deserialize<Workload>(
            """{"metadata":{"name":"bucket-bucket-photos"},"status":{"operational":true,"resources":{"s3-storage-bytes":"1536Mi"}}}""");

        Assert.Equal(1536L << 20, BucketViews.Summary(bucket, workload).SizeBytes);
        Assert.Null(BucketViews.Summary(bucket).SizeBytes);
    }

    [Fact]
    public void Filters_by_part_of_the_name_ignoring_case_and_spaces()
    {
        var page = BucketListing.Apply(Buckets, new BucketListQuery(Filter: "  CK "));

        Assert.Equal(["backups"], page.Items.Select(b => b.Name));
        Assert.Equal(4, page.Total);
        Assert.Equal(1, page.Matching);
    }

    [Fact]
    public void Pages_hundreds_of_buckets()
    {
        var many = Enumerable.Range(0, 500).Select(i => Summary($"b{i:000}", BucketPhase.Ready, 1, T0)).ToList();

        var page = BucketListing.Apply(many, new BucketListQuery(Page: 3, PageSize: 100));

        Assert.Equal(100, page.Items.Count);
        Assert.Equal("b200", page.Items[0].Name);
        Assert.Equal(5, page.PageCount);
        Assert.Equal(201, page.FirstIndex);
        Assert.Equal(300, page.LastIndex);
    }

    [Fact]
    public void A_page_past_the_end_shows_the_last_one_and_odd_sizes_fall_back()
    {
        var many = Enumerable.Range(0, 60).Select(i => Summary($"b{i:00}", BucketPhase.Ready, 1, T0)).ToList();

        var page = BucketListing.Apply(many, new BucketListQuery(Page: 99, PageSize: 7));

        Assert.Equal(BucketListQuery.DefaultPageSize, page.Query.PageSize);
        Assert.Equal(2, page.Query.Page);
        Assert.Equal(10, page.Items.Count);
    }

    [Fact]
    public void An_empty_tenant_has_one_empty_page()
    {
        var page = BucketListing.Apply([], new BucketListQuery(Page: 4));

        Assert.Empty(page.Items);
        Assert.Equal(1, page.PageCount);
        Assert.Equal(0, page.FirstIndex);
    }

    [Theory]
    [InlineData(BucketPhase.Ready, true)]
    [InlineData(BucketPhase.Failed, true)]
    [InlineData(BucketPhase.Provisioning, false)]
    [InlineData(BucketPhase.Deleting, false)]
    public void Ready_and_failed_buckets_are_settled(BucketPhase phase, bool settled) =>
        Assert.Equal(settled, Summary("x", phase, 1, T0).IsSettled);

    private static BucketSummary Summary(string name, BucketPhase phase, int users, DateTimeOffset created) =>
        new(name, new BucketState(phase), [.. Enumerable.Range(0, users).Select(i => new BucketUserView($"u{i}", i > 0))], false, null, created);
}
