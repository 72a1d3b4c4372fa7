using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Kubernetes;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Tenants;

/// <summary>Who Kubernetes calls made for the current user run as.</summary>
public interface IClusterIdentity
{
    /// <summary>
    /// <c>Impersonate-User: &lt;email&gt;</c> and <c>Impersonate-Group: tenant-&lt;name&gt;-&lt;role&gt;</c> for
    /// <paramref name="access"/>; null (the service account alone) when <see cref="TenancyOptions.ImpersonateUsers"/> is off.
    /// </summary>
    Impersonation? ImpersonationFor(TenantAccess access);
}

internal sealed class ClusterIdentity(ICurrentUser user, IOptions<TenancyOptions> options) : IClusterIdentity
{
    public Impersonation? ImpersonationFor(TenantAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!options.Value.ImpersonateUsers)
        {
            return null;
        }
        var name = user.Email ?? throw new ForbiddenException("Sign in first.");
        return new Impersonation(name, TenantNames.Group(access.Tenant, access.Role));
    }
}

/// <summary>Who the shared bucket watch of a tenant runs as.</summary>
internal static class WatchIdentities
{
    /// <summary>The user the portal names when it watches a tenant's buckets (it appears in the cluster's audit log).</summary>
    public const string WatchUser = "hikube-portal:bucket-watch";

    /// <summary>
    /// The tenant's <c>view</c> group (every member may see the buckets; the portal's own account has no bucket rights),
    /// or the portal's own account when <see cref="TenancyOptions.ImpersonateUsers"/> is off.
    /// </summary>
    public static Kubernetes.Watching.WatchIdentity For(TenancyOptions options) =>
        ns => options.ImpersonateUsers && ns.StartsWith(TenantNames.NamespacePrefix, StringComparison.Ordinal)
            ? new Impersonation(WatchUser, TenantNames.Group(ns[TenantNames.NamespacePrefix.Length..], TenantRole.View))
            : null;
}
