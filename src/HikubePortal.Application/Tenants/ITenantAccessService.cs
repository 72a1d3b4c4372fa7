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

    /// <summary>
    /// The access to <paramref name="tenant"/> as last read in this scope (a request, or a circuit), whatever its age,
    /// without reading again; null when none was read. For deciding at once whether to show a page the user was just
    /// shown (the page's service calls check again); never for acting.
    /// </summary>
    TenantAccess? LastKnown(string tenant) => null;

    /// <summary>The tenants the user is a member of, by name.</summary>
    Task<IReadOnlyList<TenantAccess>> ListMineAsync(CancellationToken cancellationToken);
}
