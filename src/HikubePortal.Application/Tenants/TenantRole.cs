namespace HikubePortal.Application.Tenants;

/// <summary>
/// A member's role in a tenant, mirroring Cozystack's tenant roles. Ordered: each role includes the ones below.
/// </summary>
public enum TenantRole
{
    /// <summary>See buckets and their status.</summary>
    View = 1,

    /// <summary>Also reveal credentials, browse, download, upload and delete objects.</summary>
    Use = 2,

    /// <summary>Also create and delete buckets, manage bucket users, manage the tenant's members.</summary>
    Admin = 3,
}

/// <summary>Names and words for roles.</summary>
public static class TenantRoles
{
    /// <summary>Every role, lowest first.</summary>
    public static IReadOnlyList<TenantRole> All { get; } = [TenantRole.View, TenantRole.Use, TenantRole.Admin];

    /// <summary>The lower-case name used in groups and role bindings: <c>view</c>, <c>use</c>, <c>admin</c>.</summary>
    public static string Slug(this TenantRole role) => role switch
    {
        TenantRole.View => "view",
        TenantRole.Use => "use",
        TenantRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown tenant role."),
    };

    /// <summary>What the role allows, in words.</summary>
    public static string Describe(this TenantRole role) => role switch
    {
        TenantRole.View => "See buckets and their status",
        TenantRole.Use => "Also reveal credentials and work with objects",
        TenantRole.Admin => "Also create and delete buckets and manage members",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown tenant role."),
    };

    /// <summary>Parses <c>view</c>, <c>use</c> or <c>admin</c> (any case).</summary>
    public static bool TryParse(string? value, out TenantRole role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Slug(), value, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}
