namespace HikubePortal.Application.Objects;

/// <summary>
/// Presigned GET links. They are signed with the bucket's own keys, so they live until they expire,
/// whatever happens to the portal session. Keys that are not <see cref="ObjectKey.IsLinkSafe"/> are
/// refused (download those through <see cref="IObjectStorage.OpenReadAsync"/>).
/// </summary>
public interface IObjectLinks
{
    /// <summary>A short-lived download link that saves the file as <paramref name="fileName"/> (default: the key's name).</summary>
    Task<PresignedRequest> DownloadLinkAsync(BucketAccess access, string key, string? fileName, CancellationToken cancellationToken);

    /// <summary>A share link valid for <paramref name="lifetime"/>, between <see cref="ShareLinkLifetime.Min"/> and <see cref="ShareLinkLifetime.Max"/>.</summary>
    Task<PresignedRequest> ShareLinkAsync(BucketAccess access, string key, TimeSpan lifetime, CancellationToken cancellationToken);
}
