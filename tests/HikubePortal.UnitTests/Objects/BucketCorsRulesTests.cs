using HikubePortal.Application.Objects;
using HikubePortal.Web.Endpoints;

namespace HikubePortal.UnitTests.Objects;

public sealed class BucketCorsRulesTests
{
    private const string Origin = "https://portal.example.org";

    [Fact]
    public void The_portal_rule_lets_its_origin_upload_and_download_by_ranges()
    {
        var rule = BucketCorsRules.RuleFor(Origin);
        Assert.True(BucketCorsRules.Allows([rule], Origin));
        Assert.Equal(["GET", "HEAD", "PUT"], rule.AllowedMethods);
        Assert.False(BucketCorsRules.Allows([rule], "https://other.example.org"));
    }

    [Theory]
    [InlineData(new[] { "PUT" }, new[] { "*" }, new[] { "ETag" }, false)] // uploads only: a ranged download's GET is refused
    [InlineData(new[] { "GET" }, new[] { "*" }, new[] { "ETag" }, false)]
    [InlineData(new[] { "GET", "PUT" }, new[] { "content-type" }, new[] { "ETag" }, false)] // Range is not allowed
    [InlineData(new[] { "GET", "PUT" }, new[] { "Content-Type", "Range" }, new[] { "etag" }, true)]
    [InlineData(new[] { "GET", "PUT" }, new[] { "*" }, new string[0], false)] // the ETag of a part or range stays hidden
    [InlineData(new[] { "get", "put" }, new[] { "*" }, new[] { "ETag" }, true)]
    public void A_rule_of_the_tenant_allows_the_origin_only_with_every_method_header_and_exposed_etag(
        string[] methods, string[] headers, string[] expose, bool allowed) =>
        Assert.Equal(allowed, BucketCorsRules.Allows([new CorsRule("theirs", ["https://*.example.org"], methods, headers, expose, null)], Origin));

    [Fact]
    public void A_rule_that_falls_short_is_kept_and_the_portal_rule_added_beside_it()
    {
        var theirs = new CorsRule("theirs", [Origin], ["PUT"], ["*"], ["ETag"], null);
        var merged = BucketCorsRules.Merge([theirs], Origin);
        Assert.NotNull(merged);
        Assert.Equal(["theirs", BucketCorsRules.RuleFor(Origin).Id], merged.Select(r => r.Id));
        Assert.Same(theirs, merged[0]);
        Assert.Null(BucketCorsRules.Merge(merged, Origin));
    }

    [Fact]
    public void The_download_worker_gets_a_new_address_when_the_storage_origins_change_and_only_then()
    {
        var one = DownloadEndpoints.Worker(["http://127.0.0.1:7480"]);
        Assert.StartsWith("app/download-worker.js?v=", one, StringComparison.Ordinal);
        Assert.Equal(one, DownloadEndpoints.Worker(["http://127.0.0.1:7480"]));
        Assert.Equal(DownloadEndpoints.Worker(["https://a.example", "https://b.example"]), DownloadEndpoints.Worker(["https://b.example", "https://a.example"]));
        Assert.NotEqual(one, DownloadEndpoints.Worker(["http://127.0.0.1:7480", "https://s3.example.org"]));
    }
}
