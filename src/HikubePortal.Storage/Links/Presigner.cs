using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Links;

/// <summary>
/// Signs URLs with the SDK (SigV4, query authentication) for the credential's endpoint. Refuses keys
/// that a URL cannot carry and never lets the SDK fall back to SigV2.
/// </summary>
internal sealed class Presigner(S3Executor executor, TimeProvider time)
{
    public async Task<PresignedRequest> SignAsync(
        BucketAccess access, string key, HttpVerb verb, TimeSpan lifetime, Action<GetPreSignedUrlRequest>? configure,
        CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        if (!ObjectKey.IsLinkSafe(key))
        {
            throw ObjectStorageException.InvalidField("key",
                "This object's name has a '.' or '..' folder segment, which browsers rewrite in links: download it through the portal, or rename it.");
        }
        var expiresAt = time.GetUtcNow() + lifetime;
        var request = new GetPreSignedUrlRequest
        {
            BucketName = access.BucketName,
            Key = SdkKey(key),
            Verb = verb,
            Expires = expiresAt.UtcDateTime,
            Protocol = access.Endpoint.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
        };
        configure?.Invoke(request);
        var url = await executor.RunAsync(access, "Presign", client => client.GetPreSignedURLAsync(request), cancellationToken);
        if (!url.Contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", StringComparison.Ordinal))
        {
            throw new ObjectStorageException(ObjectStorageError.Invalid, "The link could not be signed with Signature Version 4.");
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (request.ContentType is { Length: > 0 } contentType)
        {
            headers["Content-Type"] = contentType;
        }
        return new PresignedRequest(verb.ToString().ToUpperInvariant(), url, headers, expiresAt);
    }

    // The SDK drops one leading '/' of a key when presigning; doubling it keeps the key as it is.
    private static string SdkKey(string key) => key.StartsWith('/') ? "/" + key : key;
}
