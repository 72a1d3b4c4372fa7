using System.Security.Cryptography;
using System.Text;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Clients;

/// <summary>
/// The cache key of a credential: a SHA-256 over endpoint, region and both keys, so a rotated
/// secret gets a new client and no key appears in memory dumps of the cache or in logs.
/// </summary>
internal readonly record struct CredentialId(string Value)
{
    /// <summary>A short form for log lines.</summary>
    public string Short => Value[..12];

    public static CredentialId Of(BucketAccess access)
    {
        var text = string.Join('\n', access.Endpoint.ToString(), access.Region, access.AccessKey, access.SecretKey);
        return new CredentialId(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    public override string ToString() => Short;
}
