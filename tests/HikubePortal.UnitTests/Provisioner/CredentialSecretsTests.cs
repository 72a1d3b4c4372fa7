using System.Text.Json;
using HikubePortal.Provisioner.Provisioning;
using HikubePortal.Provisioner.Radosgw;

namespace HikubePortal.UnitTests.Provisioner;

public sealed class CredentialSecretsTests
{
    private static readonly UserAccess Access = new(
        "bucket-1df67984-321d-492d-bb06-2f4527bb0f5b",
        "bc-1df67984-321d-492d-bb06-2f4527bb0f5b",
        new Uri("https://prod.s3.hikube.cloud"),
        new RgwKey("bucket-1df67984-321d-492d-bb06-2f4527bb0f5b-admin", "UYL5FFZ0GWTQ4LCN4AI0", "L1ZJy67a2PKdOmKqjeuTWQd/4HjJVMJdxnEX4ewq"));

    [Fact]
    public void BucketInfo_is_the_cosi_json_byte_for_byte()
    {
        var data = CredentialSecrets.InfoData(Access);

        var info = Assert.Single(data);
        Assert.Equal("BucketInfo", info.Key);
        Assert.Equal(
            """
            {"metadata":{"name":"bc-1df67984-321d-492d-bb06-2f4527bb0f5b","creationTimestamp":null},"spec":{"bucketName":"bucket-1df67984-321d-492d-bb06-2f4527bb0f5b","authenticationType":"KEY","secretS3":{"endpoint":"https://prod.s3.hikube.cloud","region":"","accessKeyID":"UYL5FFZ0GWTQ4LCN4AI0","accessSecretKey":"L1ZJy67a2PKdOmKqjeuTWQd/4HjJVMJdxnEX4ewq"},"secretAzure":null,"protocols":["s3"]}}
            """,
            info.Value);
    }

    [Fact]
    public void BucketInfo_keeps_plus_and_slash_unescaped_like_go()
    {
        var access = Access with { Key = Access.Key with { SecretKey = "a+b/c" } };

        var text = CredentialSecrets.BucketInfo(access);

        Assert.Contains("\"accessSecretKey\":\"a+b/c\"", text);
        Assert.Equal("a+b/c", JsonDocument.Parse(text).RootElement.GetProperty("spec").GetProperty("secretS3").GetProperty("accessSecretKey").GetString());
    }

    [Fact]
    public void The_credentials_secret_has_exactly_the_cozystack_keys_with_a_schemeless_endpoint()
    {
        var data = CredentialSecrets.CredentialsData(Access);

        Assert.Equal(["accessKey", "bucketName", "endpoint", "secretKey"], data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("UYL5FFZ0GWTQ4LCN4AI0", data["accessKey"]);
        Assert.Equal("L1ZJy67a2PKdOmKqjeuTWQd/4HjJVMJdxnEX4ewq", data["secretKey"]);
        Assert.Equal("prod.s3.hikube.cloud", data["endpoint"]);
        Assert.Equal("bucket-1df67984-321d-492d-bb06-2f4527bb0f5b", data["bucketName"]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7480", "http://127.0.0.1:7480", "127.0.0.1:7480")]
    [InlineData("http://127.0.0.1:7480/", "http://127.0.0.1:7480", "127.0.0.1:7480")]
    [InlineData("https://s3.example.org", "https://s3.example.org", "s3.example.org")]
    [InlineData("https://s3.example.org:443/", "https://s3.example.org", "s3.example.org")]
    [InlineData("https://example.org/s3/", "https://example.org/s3", "example.org/s3")]
    public void Endpoints_are_written_with_and_without_scheme(string configured, string withScheme, string withoutScheme)
    {
        var uri = new Uri(configured);

        Assert.Equal(withScheme, CredentialSecrets.Endpoint(uri));
        Assert.Equal(withoutScheme, CredentialSecrets.WithoutScheme(uri));
    }

    [Fact]
    public void Printing_an_access_never_shows_the_secret_key()
    {
        Assert.DoesNotContain(Access.Key.SecretKey, Access.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Access.Key.SecretKey, Access.Key.ToString(), StringComparison.Ordinal);
        Assert.Contains(Access.Key.AccessKey, Access.Key.ToString(), StringComparison.Ordinal);
    }
}
