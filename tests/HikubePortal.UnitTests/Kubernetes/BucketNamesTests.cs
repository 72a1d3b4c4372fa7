using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class BucketNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("backups")]
    [InlineData("my-data-2024")]
    [InlineData("a1")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefghij-12")] // 46 characters
    public void Valid_bucket_names(string name)
    {
        Assert.Null(BucketNames.ValidateBucketName(name));
        Assert.True(BucketNames.IsValidBucketName(name));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefghij-123", "at most 46 characters (it has 47)")]
    [InlineData("Backups", "lower-case letters")]
    [InlineData("my_data", "lower-case letters")]
    [InlineData("my.data", "lower-case letters")]
    [InlineData("données", "lower-case letters")]
    [InlineData("my data", "lower-case letters")]
    [InlineData("1backup", "start with a lower-case letter")]
    [InlineData("-backup", "start with a lower-case letter")]
    [InlineData("backup-", "end with a letter or a digit")]
    public void Invalid_bucket_names_say_why(string? name, string reason)
    {
        var message = BucketNames.ValidateBucketName(name);

        Assert.NotNull(message);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.StartsWith("Bucket name", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("viewer")]
    [InlineData("1st")]
    [InlineData("ci-bot-2")]
    public void Valid_user_names(string name) => Assert.Null(BucketNames.ValidateUserName(name));

    [Theory]
    [InlineData("", "is required")]
    [InlineData("Admin", "lower-case letters")]
    [InlineData("ci.bot", "lower-case letters")]
    [InlineData("ci_bot", "lower-case letters")]
    [InlineData("-ci", "start with a letter or a digit")]
    [InlineData("ci-", "end with a letter or a digit")]
    public void Invalid_user_names_say_why(string name, string reason) =>
        Assert.Contains(reason, BucketNames.ValidateUserName(name), StringComparison.Ordinal);

    [Fact]
    public void User_names_are_limited_to_a_dns_label()
    {
        Assert.Null(BucketNames.ValidateUserName(new string('u', 63)));
        Assert.Contains("at most 63", BucketNames.ValidateUserName(new string('u', 64)), StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_names_follow_the_platform()
    {
        Assert.Equal("bucket-backups-admin-credentials", BucketNames.CredentialsSecretName("backups", "admin"));
        Assert.Equal("bucket-backups-admin", BucketNames.BucketInfoSecretName("backups", "admin"));
        Assert.Equal("bucket-backups", BucketNames.LegacyBucketInfoSecretName("backups"));
        Assert.Equal("bucket-backups-credentials", BucketNames.LegacyCredentialsSecretName("backups"));
        Assert.Equal("backups-credentials", BucketNames.HikubeCredentialsSecretName("backups"));
    }

    [Fact]
    public void The_longest_names_still_make_a_valid_secret_name()
    {
        var name = BucketNames.CredentialsSecretName(new string('b', 46), new string('u', 63));

        Assert.True(name.Length <= 253);
    }
}
