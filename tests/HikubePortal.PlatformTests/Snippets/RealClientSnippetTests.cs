using HikubePortal.Application.Credentials.Snippets;

namespace HikubePortal.PlatformTests.Snippets;

/// <summary>
/// Each configuration snippet the portal shows, pasted as a user would and used with the real client
/// from Debian against radosgw: write an object, list it, read it back.
/// </summary>
public sealed class RealClientSnippetTests(ProvisionedBucketFixture bucket) : IClassFixture<ProvisionedBucketFixture>
{
    private const string Payload = "hello from the portal's snippet\n";

    [Fact]
    public async Task Aws_cli_profile_writes_lists_and_reads()
    {
        using var user = new ClientRunner();
        var snippet = ConnectionSnippets.AwsCli(bucket.Details);
        user.WriteFile("~/.aws/config", snippet.Files[0].Content);
        user.WriteFile("~/.aws/credentials", snippet.Files[1].Content);
        await File.WriteAllTextAsync(Path.Combine(user.Home, "file.txt"), Payload);

        // The "Try it" lines as shown, then a read back with the same profile.
        var tryIt = snippet.Files[2].Content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await user.RunAsync(tryIt[1]);
        var listing = await user.RunAsync(tryIt[0]);
        var copy = await user.RunAsync(
            $"aws --profile {bucket.Details.Name} --endpoint-url {bucket.Details.EndpointUrl} s3 cp s3://{bucket.Details.BucketName}/file.txt -");

        Assert.Contains("file.txt", listing, StringComparison.Ordinal);
        Assert.Equal(Payload, copy);
    }

    [Fact]
    public async Task Rclone_remote_writes_lists_and_reads()
    {
        using var user = new ClientRunner();
        var snippet = ConnectionSnippets.Rclone(bucket.Details);
        user.WriteFile("~/.config/rclone/rclone.conf", snippet.Files[0].Content);
        Directory.CreateDirectory(Path.Combine(user.Home, "photos"));
        await File.WriteAllTextAsync(Path.Combine(user.Home, "photos", "cat.txt"), Payload);

        var tryIt = snippet.Files[1].Content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await user.RunAsync(tryIt[1]);
        var listing = await user.RunAsync(tryIt[0]);
        var read = await user.RunAsync($"rclone cat {bucket.Details.Name}:{bucket.Details.BucketName}/photos/cat.txt");

        Assert.Contains("photos/cat.txt", listing, StringComparison.Ordinal);
        Assert.Equal(Payload, read);
    }

    [Fact]
    public async Task S3cmd_config_writes_lists_and_reads()
    {
        using var user = new ClientRunner();
        var snippet = ConnectionSnippets.S3cmd(bucket.Details);
        user.WriteFile(snippet.Files[0].Label, snippet.Files[0].Content);
        await File.WriteAllTextAsync(Path.Combine(user.Home, "file.txt"), Payload);

        var tryIt = snippet.Files[1].Content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await user.RunAsync(tryIt[1]);
        var listing = await user.RunAsync(tryIt[0]);
        var read = await user.RunAsync($"s3cmd -c ~/.s3cfg-{bucket.Details.Name} get --force s3://{bucket.Details.BucketName}/file.txt back.txt >/dev/null && cat back.txt");

        Assert.Contains($"s3://{bucket.Details.BucketName}/file.txt", listing, StringComparison.Ordinal);
        Assert.Equal(Payload, read);
    }

    [Fact]
    public async Task Restic_environment_backs_up_lists_and_restores()
    {
        using var user = new ClientRunner();
        var snippet = ConnectionSnippets.Restic(bucket.Details);
        user.WriteFile("restic.env", snippet.Files[0].Content);
        Directory.CreateDirectory(Path.Combine(user.Home, "Documents"));
        await File.WriteAllTextAsync(Path.Combine(user.Home, "Documents", "notes.txt"), Payload);

        // The "Try it" lines as shown: init, backup ~/Documents, snapshots.
        var snapshots = await user.RunAsync(snippet.Files[1].Content);
        await user.RunAsync(". ./restic.env && restic restore latest --target restored");

        Assert.Contains("Documents", snapshots, StringComparison.Ordinal);
        var restored = Directory.GetFiles(Path.Combine(user.Home, "restored"), "notes.txt", SearchOption.AllDirectories);
        Assert.Equal(Payload, await File.ReadAllTextAsync(Assert.Single(restored)));
    }
}
