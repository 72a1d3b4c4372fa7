using HikubePortal.Provisioner.Provisioning;

namespace HikubePortal.UnitTests.Provisioner;

public sealed class BucketNamingTests
{
    private const string Uid = "1df67984-321d-492d-bb06-2f4527bb0f5b";

    [Fact]
    public void Names_follow_cosi_and_cozystack()
    {
        Assert.Equal("bucket-" + Uid, BucketNaming.S3Bucket(Uid));
        Assert.Equal("bc-" + Uid, BucketNaming.CosiBucket(Uid));
        Assert.Equal("bucket-backups-admin", BucketNaming.InfoSecret("backups", "admin"));
        Assert.Equal("bucket-backups-admin-credentials", BucketNaming.CredentialsSecret("backups", "admin"));
    }

    [Fact]
    public void Radosgw_users_are_unique_per_bucket_and_user_and_map_back()
    {
        var other = "2df67984-321d-492d-bb06-2f4527bb0f5b";
        var rgw = BucketNaming.RgwUser(Uid, "viewer");

        Assert.Equal($"bucket-{Uid}-viewer", rgw);
        Assert.NotEqual(rgw, BucketNaming.RgwUser(other, "viewer"));
        Assert.Equal("viewer", BucketNaming.UserOf(Uid, rgw));
        Assert.Equal("a-b", BucketNaming.UserOf(Uid, BucketNaming.RgwUser(Uid, "a-b")));
        Assert.Null(BucketNaming.UserOf(other, rgw));
        Assert.Null(BucketNaming.UserOf(Uid, $"bucket-{Uid}-"));
        Assert.Null(BucketNaming.UserOf(Uid, "admin"));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("viewer-2")]
    [InlineData("a")]
    [InlineData("0ci")]
    public void Dns_label_user_names_are_accepted(string user) => Assert.Null(BucketNaming.UserNameProblem("backups", user));

    [Theory]
    [InlineData("Admin")]
    [InlineData("-x")]
    [InlineData("x-")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("app-credentials")]
    public void Other_user_names_are_refused_with_a_reason(string user) =>
        Assert.Contains($"'{user}'", BucketNaming.UserNameProblem("backups", user));

    [Fact]
    public void A_user_name_over_63_characters_is_refused() =>
        Assert.NotNull(BucketNaming.UserNameProblem("backups", new string('a', 64)));
}
