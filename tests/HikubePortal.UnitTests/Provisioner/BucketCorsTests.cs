using Amazon.S3.Model;
using HikubePortal.Provisioner.Radosgw;

namespace HikubePortal.UnitTests.Provisioner;

public sealed class BucketCorsTests
{
    [Fact]
    public void No_origin_means_no_rule() => Assert.Null(BucketCors.Rule([]));

    [Fact]
    public void The_rule_allows_the_origins_every_browser_method_and_exposes_etag()
    {
        var rule = BucketCors.Rule(["https://portal.example.org", "http://127.0.0.1:5000"])!;

        Assert.Equal(["https://portal.example.org", "http://127.0.0.1:5000"], rule.AllowedOrigins);
        Assert.Equal(["GET", "PUT", "POST", "HEAD", "DELETE"], rule.AllowedMethods);
        Assert.Equal(["*"], rule.AllowedHeaders);
        Assert.Equal(["ETag"], rule.ExposeHeaders);
    }

    [Fact]
    public void A_wildcard_origin_replaces_the_others() =>
        Assert.Equal(["*"], BucketCors.Rule(["https://a.example", "*"])!.AllowedOrigins);

    [Fact]
    public void The_same_rule_read_back_in_another_order_is_the_same()
    {
        var wanted = BucketCors.Rule(["https://a.example", "https://b.example"]);
        var stored = new CORSRule
        {
            AllowedOrigins = ["https://b.example", "https://a.example"],
            AllowedMethods = ["DELETE", "HEAD", "POST", "PUT", "GET"],
            AllowedHeaders = ["*"],
            ExposeHeaders = ["ETag"],
            MaxAgeSeconds = BucketCors.MaxAgeSeconds,
        };

        Assert.True(BucketCors.Same([stored], wanted));
    }

    [Fact]
    public void A_changed_origin_missing_rule_or_extra_rule_differs()
    {
        var wanted = BucketCors.Rule(["https://a.example"])!;
        var changed = BucketCors.Rule(["https://b.example"])!;

        Assert.False(BucketCors.Same([changed], wanted));
        Assert.False(BucketCors.Same([], wanted));
        Assert.False(BucketCors.Same([wanted, changed], wanted));
        Assert.False(BucketCors.Same([wanted], null));
        Assert.True(BucketCors.Same([], null));
    }
}
