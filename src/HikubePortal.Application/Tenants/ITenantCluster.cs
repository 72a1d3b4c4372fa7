namespace HikubePortal.Application.Tenants;

/// <summary>The cluster side of a tenant: its namespace and the role bindings of its groups.</summary>
public interface ITenantCluster
{
    /// <summary>
    /// Creates (or completes) namespace <c>tenant-&lt;name&gt;</c> and the RoleBindings
    /// <c>cozy:tenant:view|use|admin</c> to groups <c>tenant-&lt;name&gt;-view|use|admin</c>. Idempotent.
    /// Throws <see cref="Common.UnavailableException"/> when the cluster cannot be reached or refuses.
    /// </summary>
    Task EnsureTenantAsync(string tenant, CancellationToken cancellationToken);
}
