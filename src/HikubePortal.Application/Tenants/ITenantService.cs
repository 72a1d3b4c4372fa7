namespace HikubePortal.Application.Tenants;

/// <summary>Operator actions on tenants.</summary>
public interface ITenantService
{
    /// <summary>Every tenant with member counts, by name.</summary>
    Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Checks a new tenant's name as the operator types it: the rules, then whether it is already used.</summary>
    Task<TenantNameCheck> CheckNameAsync(string? name, CancellationToken cancellationToken);

    /// <summary>
    /// Creates tenant <paramref name="name"/>: its namespace and role bindings on the cluster, then the
    /// portal's record. With <paramref name="firstAdminEmail"/> (optional: null or blank for none) that existing user
    /// becomes its admin.
    /// Throws <see cref="Common.InvalidException"/>, <see cref="Common.ConflictException"/> (name used),
    /// <see cref="Common.UnavailableException"/> (cluster).
    /// </summary>
    Task<TenantSummary> CreateAsync(string name, string? firstAdminEmail, CancellationToken cancellationToken);

    /// <summary>Like <see cref="CreateAsync"/> but an existing tenant is completed (cluster side re-applied) instead of refused.</summary>
    Task<TenantSummary> EnsureAsync(string name, CancellationToken cancellationToken);
}
