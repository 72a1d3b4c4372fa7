using Amazon.S3;
using HikubePortal.Application.Objects;
using Microsoft.Extensions.Options;

namespace HikubePortal.Storage.Links;

/// <summary>Download links (short, saved under the file's name) and share links (expiry chosen by the user).</summary>
internal sealed class S3ObjectLinks(Presigner presigner, IOptions<ObjectStorageOptions> options) : IObjectLinks
{
    public Task<PresignedRequest> DownloadLinkAsync(BucketAccess access, string key, string? fileName, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var name = string.IsNullOrEmpty(fileName) ? ObjectKey.NameWithin(key, ObjectKey.ParentOf(key)) : fileName;
        return presigner.SignAsync(access, key, HttpVerb.GET, options.Value.DownloadLinkLifetime,
            request => request.ResponseHeaderOverrides.ContentDisposition = ContentDisposition.Attachment(name), cancellationToken);
    }

    public Task<PresignedRequest> ShareLinkAsync(BucketAccess access, string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ShareLinkLifetime.EnsureValid(lifetime);
        return presigner.SignAsync(access, key, HttpVerb.GET, lifetime, configure: null, cancellationToken);
    }
}
