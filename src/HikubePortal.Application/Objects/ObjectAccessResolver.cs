using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Objects;

/// <summary>
/// The bucket credentials for an object action of the signed-in user (role use), read as the user: reads prefer a
/// read-only user, writes need a read-write one. Missing credentials and read-only buckets are refused in words.
/// </summary>
internal sealed class ObjectAccessResolver(BucketApi buckets, IKubernetes kube, TenantScopes scopes, IOptions<BucketsOptions> options)
{
    /// <summary>Credentials for reading and whether the bucket has a read-write user (role use, or <paramref name="role"/>).</summary>
    public async Task<ResolvedAccess> ReadAsync(string tenant, string bucket, CancellationToken cancellationToken, TenantRole role = TenantRole.Use)
    {
        var scope = await scopes.OpenAsync(tenant, role, cancellationToken);
        var resource = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        var access = await CredentialService.StorageAccessAsync(kube, scope, options.Value.EndpointScheme, resource, write: false, cancellationToken)
            ?? throw new ConflictException(NotIssued(bucket));
        var canWrite = (resource.Users.Count == 0 && resource.Spec?.Users is null) || resource.Users.Values.Any(u => u?.Readonly != true);
        return new ResolvedAccess(scope.Tenant, access, canWrite);
    }

    /// <summary>Credentials of a read-write user (role use, or <paramref name="role"/>); Conflict in words when there is none.</summary>
    public async Task<ResolvedAccess> WriteAsync(string tenant, string bucket, CancellationToken cancellationToken, TenantRole role = TenantRole.Use)
    {
        var scope = await scopes.OpenAsync(tenant, role, cancellationToken);
        var resource = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        var access = await CredentialService.StorageAccessAsync(kube, scope, options.Value.EndpointScheme, resource, write: true, cancellationToken);
        if (access is not null)
        {
            return new ResolvedAccess(scope.Tenant, access, CanWrite: true);
        }
        var reader = await CredentialService.StorageAccessAsync(kube, scope, options.Value.EndpointScheme, resource, write: false, cancellationToken);
        throw new ConflictException(reader is { ReadOnly: true }
            ? ReadOnlyMessage(bucket)
            : NotIssued(bucket));
    }

    public static string ReadOnlyMessage(string bucket) =>
        $"Bucket {bucket} has only read-only users, so the portal cannot change its objects. A tenant admin can add a read-write user on the bucket's Access tab.";

    public static string NotIssued(string bucket) =>
        $"Bucket {bucket} has no credentials issued yet, so its objects cannot be shown. The platform issues them once the bucket is ready.";
}

/// <summary>Credentials resolved for an action: the tenant (as the audit log names it), the access, whether writes are possible.</summary>
internal sealed record ResolvedAccess(string Tenant, BucketAccess Access, bool CanWrite);
