using HikubePortal.Application.Credentials;
using HikubePortal.Kubernetes.Cozystack;
using k8s.Models;

namespace HikubePortal.UnitTests.Buckets;

public sealed class EndpointSchemeTests
{
    private static readonly V1Secret Cozystack = SecretValues.FromStrings("tenant-a", "bucket-b-admin-credentials", new Dictionary<string, string>
    {
        ["accessKey"] = "AK", ["secretKey"] = "SK", ["endpoint"] = "127.0.0.1:7480", ["bucketName"] = "bucket-1",
    });

    [Theory]
    [InlineData("http", "http://127.0.0.1:7480/")]
    [InlineData("https", "https://127.0.0.1:7480/")]
    public async Task A_scheme_less_endpoint_gets_the_configured_scheme(string scheme, string expected)
    {
        var source = new EndpointSchemeSecretSource(new OneSecret(Cozystack), scheme);

        var result = await BucketCredentialsReader.ReadAsync(source, "tenant-a", "b", "admin", CancellationToken.None);

        Assert.Equal(new Uri(expected), result.Credentials?.Endpoint);
    }

    [Fact]
    public async Task An_endpoint_with_a_scheme_is_kept()
    {
        var withScheme = SecretValues.FromStrings("tenant-a", "bucket-b-admin-credentials", new Dictionary<string, string>
        {
            ["accessKey"] = "AK", ["secretKey"] = "SK", ["endpoint"] = "https://s3.example.org", ["bucketName"] = "bucket-1",
        });
        var source = new EndpointSchemeSecretSource(new OneSecret(withScheme), "http");

        var result = await BucketCredentialsReader.ReadAsync(source, "tenant-a", "b", "admin", CancellationToken.None);

        Assert.Equal("https", result.Credentials?.Endpoint.Scheme);
    }

    private sealed class OneSecret(V1Secret secret) : ISecretSource
    {
        public Task<V1Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
            Task.FromResult(name == secret.Metadata.Name ? secret : null);
    }
}
