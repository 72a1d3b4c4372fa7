using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.UnitTests.Storage;

public sealed class BucketAccessTests
{
    [Theory]
    [InlineData("s3.example.com", null, "https://s3.example.com/", "us-east-1")]
    [InlineData("http://127.0.0.1:7480", "", "http://127.0.0.1:7480/", "us-east-1")]
    [InlineData(" https://prod.s3.hikube.cloud ", "eu-west-3", "https://prod.s3.hikube.cloud/", "eu-west-3")]
    public void Credentials_from_a_secret_get_a_scheme_and_a_region(string endpoint, string? region, string uri, string expectedRegion)
    {
        var access = BucketAccess.FromCredentials("AK", "SK", endpoint, region, "bucket-1", readOnly: true);

        Assert.Equal((uri, expectedRegion, "bucket-1", true), (access.Endpoint.ToString(), access.Region, access.BucketName, access.ReadOnly));
    }

    [Theory]
    [InlineData("ftp://files.example.com")]
    [InlineData("https://")]
    public void Endpoints_that_are_not_http_are_invalid(string endpoint) =>
        Assert.Throws<InvalidException>(() => BucketAccess.FromCredentials("AK", "SK", endpoint, null, "b", false));

    [Fact]
    public void Credentials_read_from_kubernetes_become_an_access()
    {
        var credentials = new BucketCredentials("AK", "SK", new Uri("https://s3.example.com"), "", "bucket-uid", CredentialFormat.CozystackUserCredentials, "bucket-b-u-credentials");

        var access = BucketAccess.From(credentials, readOnly: true);

        Assert.Equal(new BucketAccess("AK", "SK", new Uri("https://s3.example.com"), "us-east-1", "bucket-uid", true), access);
    }

    [Fact]
    public void Printing_an_access_shows_no_key()
    {
        var access = BucketAccess.FromCredentials("AKIAVISIBLE", "TOP-SECRET-VALUE", "s3.example.com", null, "bucket-1", false);

        var text = access.ToString();

        Assert.Contains("bucket-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET-VALUE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAVISIBLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET-VALUE", $"{access}", StringComparison.Ordinal);
    }
}
