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
        return Impersonation.Of(name, TenantNames.Group(access.Tenant, access.Role));
    }
}
