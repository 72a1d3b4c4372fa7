using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Application.Versions;

/// <summary>
/// Object versions in the object browser (role use): list them in a folder or for one object, download one, restore
/// one over the current object, delete one for good, undo a delete by removing its delete marker. Changes are
/// audited and told to the open pages of the bucket.
/// </summary>
public interface IObjectVersions
{
    /// <summary>One page of versions and delete markers in a folder (one S3 request), and whether the bucket can be written.</summary>
    Task<ObjectVersionFolder> ListAsync(string tenant, string bucket, ObjectListQuery query, CancellationToken cancellationToken);

    /// <summary>The versions of one object, newest first (at most <see cref="MaxPerObject"/>).</summary>
    Task<IReadOnlyList<ObjectVersionEntry>> ListObjectAsync(string tenant, string bucket, string key, CancellationToken cancellationToken);

    /// <summary>One version, streamed through the portal.</summary>
    Task<ObjectContent> OpenReadAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>Copies a version over the current object; audited.</summary>
    Task<StoredObject> RestoreAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>Deletes one version or delete marker for good; audited.</summary>
    Task DeleteAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken);

    /// <summary>Brings back a deleted object by removing its latest delete marker; Conflict in words when it is not deleted; audited.</summary>
    Task UndeleteAsync(string tenant, string bucket, string key, CancellationToken cancellationToken);

    /// <summary>The most versions the details of one object list.</summary>
    public const int MaxPerObject = 1000;
}

/// <summary>A page of versions, whether the user may change them, and whether the bucket keeps versions at all.</summary>
public sealed record ObjectVersionFolder(ObjectVersionPage Page, bool CanWrite);

internal sealed class ObjectVersions(ObjectAccessResolver resolver, IBucketDataStorage storage, IAuditLog audit, BucketDataEvents events) : IObjectVersions
{
    public async Task<ObjectVersionFolder> ListAsync(string tenant, string bucket, ObjectListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var resolved = await resolver.ReadAsync(tenant, bucket, cancellationToken);
        return new ObjectVersionFolder(await storage.ListVersionsAsync(resolved.Access, query, cancellationToken), resolved.CanWrite);
    }

    public async Task<IReadOnlyList<ObjectVersionEntry>> ListObjectAsync(string tenant, string bucket, string key, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var access = (await resolver.ReadAsync(tenant, bucket, cancellationToken)).Access;
        return await storage.ListKeyVersionsAsync(access, key, IObjectVersions.MaxPerObject, cancellationToken);
    }

    public async Task<ObjectContent> OpenReadAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        EnsureVersionId(versionId);
        var access = (await resolver.ReadAsync(tenant, bucket, cancellationToken)).Access;
        return await storage.OpenVersionAsync(access, key, versionId, cancellationToken);
    }

    public async Task<StoredObject> RestoreAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        EnsureVersionId(versionId);
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken);
        var restored = await storage.RestoreVersionAsync(access, key, versionId, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectVersionRestored, Tenant: scopeTenant, Target: ObjectAudit.Target(bucket, key),
            Detail: ObjectAudit.Clip($"version {versionId} made current")), cancellationToken);
        events.Publish(scopeTenant, bucket, BucketDataChange.Versions);
        return restored;
    }

    public async Task DeleteAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        EnsureVersionId(versionId);
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken);
        await storage.DeleteVersionAsync(access, key, versionId, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectVersionDeleted, Tenant: scopeTenant, Target: ObjectAudit.Target(bucket, key),
            Detail: ObjectAudit.Clip($"version {versionId} deleted for good")), cancellationToken);
        events.Publish(scopeTenant, bucket, BucketDataChange.Versions);
    }

    public async Task UndeleteAsync(string tenant, string bucket, string key, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken);
        var versions = await storage.ListKeyVersionsAsync(access, key, 1, cancellationToken);
        var latest = versions.Count == 0 ? null : versions[0];
        if (latest is not { IsDeleteMarker: true })
        {
            throw new ConflictException(latest is null
                ? $"{key} has no version left to bring back."
                : $"{key} is not deleted: its latest version is there.");
        }
        await storage.DeleteVersionAsync(access, key, latest.VersionId, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectUndeleted, Tenant: scopeTenant, Target: ObjectAudit.Target(bucket, key),
            Detail: "delete marker removed"), cancellationToken);
        events.Publish(scopeTenant, bucket, BucketDataChange.Versions);
    }

    /// <summary>S3 version ids are short printable tokens ("null" for the unversioned one).</summary>
    private static void EnsureVersionId(string versionId)
    {
        if (string.IsNullOrEmpty(versionId) || versionId.Length > 1024 || versionId.Any(c => c < 0x21 || c > 0x7e))
        {
            throw InvalidException.For("version", "This version id is not one the storage gives.");
        }
    }
}
