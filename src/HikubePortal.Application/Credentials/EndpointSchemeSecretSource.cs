using System.Text;
using HikubePortal.Kubernetes.Cozystack;
using k8s.Models;

namespace HikubePortal.Application.Credentials;

/// <summary>
/// Cozystack writes the endpoint without its scheme (<c>s3.example.org</c>); the reader then assumes https.
/// Platforms serving S3 over plain http (the local platform) set <see cref="Buckets.BucketsOptions.EndpointScheme"/>
/// to <c>http</c>, and this source puts that scheme in front of scheme-less endpoints before the reader parses them.
/// </summary>
internal sealed class EndpointSchemeSecretSource(ISecretSource inner, string scheme) : ISecretSource
{
    private static readonly string[] EndpointKeys = ["endpoint", "AWS_ENDPOINT_URL"];

    public async Task<V1Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var secret = await inner.GetSecretAsync(ns, name, cancellationToken);
        if (secret?.Data is null || string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase))
        {
            return secret;
        }
        var data = new Dictionary<string, byte[]>(secret.Data, StringComparer.Ordinal);
        foreach (var key in EndpointKeys)
        {
            if (secret.GetString(key) is { Length: > 0 } value && !value.Contains("://", StringComparison.Ordinal))
            {
                data[key] = Encoding.UTF8.GetBytes($"{scheme}://{value.Trim()}");
            }
        }
        return new V1Secret { ApiVersion = secret.ApiVersion, Kind = secret.Kind, Metadata = secret.Metadata, Type = secret.Type, Data = data };
    }
}
