using HikubePortal.Application.Objects;

namespace HikubePortal.Application.Credentials;

/// <summary>
/// Bucket credentials for the signed-in user (role use and up): read from the platform's Secrets as the
/// user (impersonated), never cached. Reveals and downloads are audited.
/// </summary>
public interface ICredentialService
{
    /// <summary>Every user of the bucket with its access key and whether credentials are issued; no secret key.</summary>
    Task<IReadOnlyList<UserAccessView>> ListAsync(string tenant, string bucket, CancellationToken cancellationToken);

    /// <summary>One user's credentials with the secret key; audited. Conflict when not issued yet or unreadable.</summary>
    Task<RevealedAccess> RevealAsync(string tenant, string bucket, string user, CancellationToken cancellationToken);

    /// <summary>One user's credentials as a file (<c>.env</c> or JSON); audited.</summary>
    Task<CredentialFile> DownloadAsync(string tenant, string bucket, string user, CredentialFileFormat format, CancellationToken cancellationToken);

    /// <summary>
    /// S3 access to the bucket for the portal's own work (counting, browsing, uploads): a read-write user when
    /// <paramref name="write"/>, else preferably a read-only one. Null when no suitable credentials are issued.
    /// Role use for both (a member with role use may read every credential of the bucket and upload or delete
    /// objects). Not audited (no secret leaves the portal).
    /// </summary>
    Task<BucketAccess?> StorageAccessAsync(string tenant, string bucket, bool write, CancellationToken cancellationToken);
}
