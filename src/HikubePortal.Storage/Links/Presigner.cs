using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
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
            throw InvalidException.For("key",
                "This object's name has a '.' or '..' folder segment, which browsers rewrite in links: download it through the portal, or rename it.");
        }
        var expiresAt = time.GetUtcNow() + lifetime;
        var request = new GetPreSignedUrlRequest
        {
            BucketName = access.BucketName,
            Key = key,
            Verb = verb,
            Protocol = access.Endpoint.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
        };
        configure?.Invoke(request);
        var url = RestoreLeadingSlash(await executor.RunAsync(access, "Presign", (client, _) =>
        {
            request.Expires = SdkNow(client, request) + lifetime;
            return client.GetPreSignedURLAsync(request);
        }, cancellationToken), access, key);
        if (!url.Contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", StringComparison.Ordinal))
        {
            throw new UnavailableException("The link could not be signed with Signature Version 4.");
        }
        PortalMetrics.PresignedUrls.Add(1, new KeyValuePair<string, object?>("method", verb.ToString().ToUpperInvariant()));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (request.ContentType is { Length: > 0 } contentType)
        {
            headers["Content-Type"] = contentType;
        }
        return new PresignedRequest(verb.ToString().ToUpperInvariant(), url, headers, expiresAt);
    }

    // The SDK measures the expiry from its own clock for the endpoint (corrected by any skew it
    // learnt from the storage's Date headers); measured from another clock, a 7-day link could come
    // out a second over the SigV4 limit, and the SDK would then sign it with SigV2.
    private static DateTime SdkNow(IAmazonS3 client, GetPreSignedUrlRequest request) =>
        CorrectClockSkew.GetCorrectedUtcNowForEndpoint(
            client.Config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(request)).URL);

    // For a key starting with '/' the SDK signs /bucket//key but writes /bucket/key into the URL
    // (see PortalS3Client): put the separator back.
    private static string RestoreLeadingSlash(string url, BucketAccess access, string key)
    {
        if (!key.StartsWith('/'))
        {
            return url;
        }
        var bucketPath = "/" + access.BucketName + "/";
        var at = url.IndexOf(bucketPath, url.IndexOf("://", StringComparison.Ordinal) + 3, StringComparison.Ordinal);
        return at < 0 ? url : url.Insert(at + bucketPath.Length, "/");
    }
}
