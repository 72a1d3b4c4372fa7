using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;

namespace HikubePortal.UnitTests.Buckets;

public sealed class BucketRulesTests
{
    private static NewBucket Bucket(string name, params string[] users) =>
        new(name, [.. users.Select(u => new BucketUserView(u, false))]);

    [Fact]
    public void A_good_bucket_has_no_errors() =>
        Assert.Empty(NewBucketRules.Validate(Bucket("backups-2026", "admin", "ci")));

    [Theory]
    [InlineData("", "required")]
    [InlineData("1st", "start with a lower-case letter")]
    [InlineData("Backups", "lower-case letters")]
    [InlineData("ends-", "end with a letter or a digit")]
    [InlineData("new", "reserved")]
    public void Names_follow_the_platform_rules(string name, string words)
    {
        var errors = NewBucketRules.Validate(Bucket(name, "admin"));

        Assert.Contains(words, Assert.Single(errors["Name"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_at_most_46_characters()
    {
        Assert.Empty(NewBucketRules.Validate(Bucket(new string('a', 46), "admin")));
        Assert.Contains("at most 46", NewBucketRules.Validate(Bucket(new string('a', 47), "admin"))["Name"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_needs_a_user()
    {
        var errors = NewBucketRules.Validate(Bucket("backups"));

        Assert.Contains("no credentials", errors["Users"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Users_are_checked_row_by_row()
    {
        var errors = NewBucketRules.Validate(Bucket("backups", "admin", "Bad Name", "admin", "x-credentials"));

        Assert.False(errors.ContainsKey("Users[0].Name"));
        Assert.True(errors.ContainsKey("Users[1].Name"));
        Assert.Contains("twice", errors["Users[2].Name"][0], StringComparison.Ordinal);
        Assert.Contains("-credentials", errors["Users[3].Name"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_pools_are_names()
    {
        Assert.Empty(NewBucketRules.Validate(Bucket("b", "admin") with { StoragePool = "ssd.pool-1" }));
        Assert.True(NewBucketRules.Validate(Bucket("b", "admin") with { StoragePool = "SSD pool" }).ContainsKey("StoragePool"));
    }

    [Fact]
    public void Ensure_throws_an_invalid_error_with_the_fields()
    {
        var error = Assert.Throws<InvalidException>(() => NewBucketRules.Ensure(Bucket("B", "admin")));

        Assert.True(error.Errors.ContainsKey("Name"));
    }
}
