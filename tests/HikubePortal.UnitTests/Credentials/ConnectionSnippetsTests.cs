using System.Diagnostics;
using System.Text.Json;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Credentials.Snippets;

namespace HikubePortal.UnitTests.Credentials;

public sealed partial class ConnectionSnippetsTests
{
    // A secret with every character that breaks naive quoting in shell, INI, dotenv or JSON.
    internal const string NastySecret = "L1ZJy67a/2PKd+OmK=q'$HOME\"`x`\\n";

    internal static readonly ConnectionDetails Production = new(
        "hikube-backups-admin", new Uri("https://prod.s3.hikube.cloud"), "us-east-1",
        "bucket-1df67984-321d-492d-bb06-2f4527bb0f5b", "UYL5FFZ0GWTQ4LCN4AI0", "L1ZJy67a2PKdOmKqjeuTWQd/4HjJVMJdxnEX4ewq");

    [Fact]
    public void Every_client_the_portal_promises_has_a_snippet()
    {
        var ids = ConnectionSnippets.All(Production).Select(s => s.Id);

        Assert.Equal(["aws", "rclone", "s3cmd", "restic", "velero", "boto3", "dotnet", "mc", "env", "duckdb", "spark", "pandas"], ids);
    }

    [Fact]
    public void Every_snippet_names_the_endpoint_the_real_bucket_and_the_access_key()
    {
        foreach (var snippet in ConnectionSnippets.All(Production))
        {
            var text = string.Concat(snippet.Files.Select(f => f.Content));
            Assert.Contains(Production.BucketName, text, StringComparison.Ordinal);
            Assert.Contains("prod.s3.hikube.cloud", text, StringComparison.Ordinal);
            if (snippet.Id != "restic" || text.Contains("AWS_ACCESS_KEY_ID", StringComparison.Ordinal))
            {
                Assert.Contains(Production.AccessKey, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Masked_details_never_carry_the_secret_into_any_snippet()
    {
        var masked = Production.Masked();

        foreach (var snippet in ConnectionSnippets.All(masked))
        {
            var text = string.Concat(snippet.Files.Select(f => f.Content));
            Assert.DoesNotContain(Production.SecretKey, text, StringComparison.Ordinal);
            Assert.Contains(ConnectionDetails.SecretPlaceholder, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToString_of_the_details_does_not_print_the_secret()
    {
        Assert.DoesNotContain(Production.SecretKey, Production.ToString(), StringComparison.Ordinal);
        Assert.Contains(Production.AccessKey, Production.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void S3cmd_takes_host_and_port_without_scheme_and_follows_the_scheme_for_https()
    {
        var local = Production with { Endpoint = new Uri("http://127.0.0.1:7480") };

        var config = ConnectionSnippets.S3cmd(local).Files[0].Content;

        Assert.Contains("host_base = 127.0.0.1:7480\n", config, StringComparison.Ordinal);
        Assert.Contains("host_bucket = 127.0.0.1:7480\n", config, StringComparison.Ordinal);
        Assert.Contains("use_https = False\n", config, StringComparison.Ordinal);
        Assert.Contains("use_https = True\n", ConnectionSnippets.S3cmd(Production).Files[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_paths_and_trailing_slashes_are_not_repeated_into_urls()
    {
        var withSlash = Production with { Endpoint = new Uri("https://prod.s3.hikube.cloud/") };

        var restic = ConnectionSnippets.Restic(withSlash).Files[0].Content;

        Assert.Contains("s3:https://prod.s3.hikube.cloud/bucket-1df67984", restic, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_document_round_trips_every_field()
    {
        var nasty = Production with { SecretKey = NastySecret };

        using var json = JsonDocument.Parse(ConnectionSnippets.JsonDocument(nasty));

        Assert.Equal(NastySecret, json.RootElement.GetProperty("secretKey").GetString());
        Assert.Equal("https://prod.s3.hikube.cloud", json.RootElement.GetProperty("endpoint").GetString());
        Assert.Equal(Production.BucketName, json.RootElement.GetProperty("bucketName").GetString());
        Assert.Equal("us-east-1", json.RootElement.GetProperty("region").GetString());
    }

    [Fact]
    public async Task Shell_snippets_give_back_the_exact_secret_when_sourced_by_bash()
    {
        var nasty = Production with { SecretKey = NastySecret };
        var dir = Directory.CreateTempSubdirectory("snippets-");
        try
        {
            var restic = Path.Combine(dir.FullName, "restic.env");
            var dotenv = Path.Combine(dir.FullName, ".env");
            await File.WriteAllTextAsync(restic, ConnectionSnippets.Restic(nasty).Files[0].Content);
            await File.WriteAllTextAsync(dotenv, ConnectionSnippets.DotEnv(nasty));

            Assert.Equal(NastySecret, await EchoAsync(restic, "AWS_SECRET_ACCESS_KEY"));
            Assert.Equal(NastySecret, await EchoAsync(dotenv, "AWS_SECRET_ACCESS_KEY"));
            Assert.Equal($"s3:https://prod.s3.hikube.cloud/{Production.BucketName}/restic", await EchoAsync(restic, "RESTIC_REPOSITORY"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<string> EchoAsync(string file, string variable)
    {
        var start = new ProcessStartInfo("bash", ["-c", $". \"$0\" && printf '%s' \"${variable}\"", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.Equal(0, bash.ExitCode);
        return output;
    }
}
