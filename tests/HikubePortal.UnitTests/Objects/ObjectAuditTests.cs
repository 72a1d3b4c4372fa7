using HikubePortal.Application.Buckets;
using HikubePortal.Application.Objects;

namespace HikubePortal.UnitTests.Objects;

/// <summary>How object actions read in the audit log, and the folder list a folder-delete job keeps.</summary>
public sealed class ObjectAuditTests
{
    [Theory]
    [InlineData(2, "2 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(90, "90 minutes")]
    [InlineData(60 * 24 * 7, "7 days")]
    [InlineData(60 * 30, "30 hours")]
    public void Share_lifetimes_read_in_whole_units(int minutes, string expected) =>
        Assert.Equal(expected, ObjectAudit.Describe(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Targets_are_bucket_and_key_clipped_to_the_column()
    {
        var key = new string('k', 1024);

        Assert.Equal("files/a b.txt", ObjectAudit.Target("files", "a b.txt"));
        Assert.Equal(1024, ObjectAudit.Target("files", key).Length);
        Assert.EndsWith("…", ObjectAudit.Target("files", key), StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_delete_names_a_few_keys_and_the_failures()
    {
        var keys = Enumerable.Range(1, 7).Select(i => $"k{i}").ToList();

        Assert.Equal("6 of 7 objects: k1, k2, k3, k4, k5 and 2 more; 1 failed",
            ObjectAudit.Many(keys, new DeleteResult(6, 1, [new DeleteFailure("k7", "AccessDenied", "refused")])));
    }

    [Fact]
    public void Job_folders_round_trip_whatever_they_contain()
    {
        string[] prefixes = ["a/", "with \"quotes\", commas\n and ünïcødé/", "/"];

        Assert.Equal(prefixes, BucketJobPrefixes.Parse(BucketJobPrefixes.Format(prefixes)));
        Assert.Empty(BucketJobPrefixes.Parse(null));
    }
}
