namespace HikubePortal.Application.Tenants;

/// <summary>The current user's access to tenants; answers are cached for the request.</summary>
public interface ITenantAccessService
{
    /// <summary>The access to <paramref name="tenant"/>, or null when the user may not know it exists.</summary>
    Task<TenantAccess?> FindAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>
    /// The access to <paramref name="tenant"/> with at least <paramref name="minimum"/>; throws
    /// <see cref="Common.NotFoundException"/> for non-members and <see cref="Common.ForbiddenException"/> for a role too low.
    /// </summary>
    Task<TenantAccess> RequireAsync(string tenant, TenantRole minimum, CancellationToken cancellationToken);

    /// <summary>The tenants the user is a member of, by name.</summary>
    Task<IReadOnlyList<TenantAccess>> ListMineAsync(CancellationToken cancellationToken);
}
