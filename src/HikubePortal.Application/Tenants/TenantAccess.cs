namespace HikubePortal.Application.Tenants;

/// <summary>What the current user may do in one tenant.</summary>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="Tenant">The tenant's name.</param>
/// <param name="Role">The effective role (operators act as admins everywhere).</param>
/// <param name="IsMember">False when the access comes only from being an operator.</param>
public sealed record TenantAccess(Guid TenantId, string Tenant, TenantRole Role, bool IsMember)
{
    /// <summary>The tenant's Kubernetes namespace.</summary>
    public string Namespace => TenantNames.Namespace(Tenant);

    /// <summary>Whether the role is at least <paramref name="minimum"/>.</summary>
    public bool Allows(TenantRole minimum) => Role >= minimum;
}
