using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Objects;

internal sealed partial class ObjectBrowser(
    ObjectAccessResolver resolver,
    IObjectStorage storage,
    IObjectLinks links,
    IObjectArchive archive,
    IAuditLog audit,
    IBucketJobService jobs,
    IOptions<BucketsOptions> options,
    ActionLimits limits,
    ICurrentUser caller) : IObjectBrowser
{
    public async Task<ObjectFolder> ListAsync(string tenant, string bucket, ObjectListQuery query, CancellationToken cancellationToken)
    {
        var resolved = await resolver.ReadAsync(tenant, bucket, cancellationToken);
        return new ObjectFolder(await storage.ListAsync(resolved.Access, query, cancellationToken), resolved.CanWrite, resolved.Access.Endpoint);
    }

    public async Task<ObjectDetails> GetDetailsAsync(string tenant, string bucket, string key, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var access = (await resolver.ReadAsync(tenant, bucket, cancellationToken)).Access;
        return await storage.GetDetailsAsync(access, key, cancellationToken);
    }

    public async Task<ObjectPreview> ReadPreviewAsync(string tenant, string bucket, string key, int maxBytes, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var access = (await resolver.ReadAsync(tenant, bucket, cancellationToken)).Access;
        return await storage.ReadPreviewAsync(access, key, maxBytes, cancellationToken);
    }

    public async Task<ObjectContent> OpenReadAsync(string tenant, string bucket, string key, ObjectByteRange? range, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var access = (await resolver.ReadAsync(tenant, bucket, cancellationToken)).Access;
        return await storage.OpenReadAsync(access, key, range, cancellationToken);
    }

    public async Task<PresignedRequest?> DownloadLinkAsync(string tenant, string bucket, string key, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var access = (await resolver.ReadAsync(tenant, bucket, cancellationToken)).Access;
        if (!ObjectKey.IsLinkSafe(key))
        {
            return null;
        }
        // The link is presigned without a request: check that the object exists so a typo gets words, not an S3 error page.
        await storage.GetDetailsAsync(access, key, cancellationToken);
        return await links.DownloadLinkAsync(access, key, null, cancellationToken);
    }

    public async Task<Func<Stream, CancellationToken, Task<ZipSummary>>> PrepareZipAsync(string tenant, string bucket, ZipRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Keys.Count == 0 && request.Prefixes.Count == 0)
        {
            throw InvalidException.For("key", "Choose the files or folders to download.");
        }
        var access = (await resolver.ReadAsync(tenant, bucket, cancellationToken)).Access;
        return (output, token) => archive.WriteZipAsync(access, request, output, token);
    }

    public async Task<PresignedRequest> ShareLinkAsync(string tenant, string bucket, string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        ShareLinkLifetime.EnsureValid(lifetime);
        var (scopeTenant, access, _) = await resolver.ReadAsync(tenant, bucket, cancellationToken);
        if (!ObjectKey.IsLinkSafe(key))
        {
            throw InvalidException.For("key", "This object's name has a '.' or '..' folder segment, which browsers rewrite out of links: it cannot be shared by link. Download it instead, or rename it.");
        }
        await storage.GetDetailsAsync(access, key, cancellationToken);
        limits.Take(LimitedAction.ShareLink, caller);
        var link = await links.ShareLinkAsync(access, key, lifetime, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectShared, Tenant: scopeTenant, Target: ObjectAudit.Target(bucket, key),
            Detail: $"share link valid {ObjectAudit.Describe(lifetime)}"), cancellationToken);
        return link;
    }

    public async Task<string> CreateFolderAsync(string tenant, string bucket, string parentPrefix, string name, CancellationToken cancellationToken)
    {
        var trimmed = (name ?? string.Empty).Trim().Trim('/');
        if (trimmed.Length == 0)
        {
            throw InvalidException.For("name", "A folder needs a name.");
        }
        ObjectKey.EnsureCreatable(ObjectKey.NormalizeFolder(parentPrefix) + trimmed + "/", "name");
        var access = (await resolver.WriteAsync(tenant, bucket, cancellationToken)).Access;
        return await storage.CreateFolderAsync(access, ObjectKey.NormalizeFolder(parentPrefix), trimmed, cancellationToken);
    }

    public async Task<DeleteResult> DeleteAsync(string tenant, string bucket, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw InvalidException.For("key", "Choose the objects to delete.");
        }
        foreach (var key in keys)
        {
            ObjectKey.EnsureValid(key);
        }
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken);
        var result = keys.Count == 1
            ? await DeleteOneAsync(access, keys.First(), cancellationToken)
            : await storage.DeleteManyAsync(access, keys, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectDeleted, result.FailedCount == 0 ? AuditOutcome.Success : AuditOutcome.Failure,
            scopeTenant, keys.Count == 1 ? ObjectAudit.Target(bucket, keys.First()) : bucket,
            keys.Count == 1 ? null : ObjectAudit.Many(keys, result)), cancellationToken);
        return result;
    }

    public async Task<StoredObject> MoveAsync(string tenant, string bucket, string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(sourceKey);
        ObjectKey.EnsureCreatable(destinationKey, "destination");
        if (destinationKey.EndsWith('/'))
        {
            throw InvalidException.For("destination", "The new name ends with '/', which makes it a folder; give the file a name after the last '/'.");
        }
        if (string.Equals(sourceKey, destinationKey, StringComparison.Ordinal))
        {
            throw InvalidException.For("destination", "The new name is the same as the old one.");
        }
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken);
        var moved = await storage.MoveAsync(access, sourceKey, destinationKey, overwrite: false, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectMoved, Tenant: scopeTenant, Target: ObjectAudit.Target(bucket, sourceKey),
            Detail: ObjectAudit.Clip("to " + destinationKey)), cancellationToken);
        return moved;
    }

    public async Task<BucketUsage> CountAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var access = (await resolver.ReadAsync(tenant, bucket, cancellationToken)).Access;
        return await BucketUsageService.MeasureAsync(storage, access, options.Value.UsageObjectCap, [.. prefixes.Select(ObjectKey.NormalizeFolder)], cancellationToken);
    }

    public async Task<BucketJobView> StartDeleteFoldersAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, BucketUsage? estimate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var folders = prefixes.Select(ObjectKey.NormalizeFolder).Distinct(StringComparer.Ordinal).ToList();
        if (folders.Count == 0 || folders.Any(f => f.Length == 0))
        {
            throw InvalidException.For("folder", "Choose the folders to delete (the whole bucket is emptied from the bucket's delete page).");
        }
        foreach (var folder in folders)
        {
            ObjectKey.EnsureValid(folder, "folder");
        }
        // Refuses early, in words, when the bucket cannot be written.
        await resolver.WriteAsync(tenant, bucket, cancellationToken);
        return await jobs.StartDeleteFoldersAsync(tenant, bucket, folders, estimate, cancellationToken);
    }

    public Task<BucketJobView?> GetJobAsync(string tenant, string bucket, Guid id, CancellationToken cancellationToken) =>
        jobs.GetFolderJobAsync(tenant, bucket, id, cancellationToken);

    private async Task<DeleteResult> DeleteOneAsync(BucketAccess access, string key, CancellationToken cancellationToken)
    {
        await storage.DeleteAsync(access, key, cancellationToken);
        return new DeleteResult(1, 0, []);
    }
}
