using HikubePortal.Application.Tenants;

namespace HikubePortal.Application.Identity.SingleSignOn;

/// <summary>A tenant role read from a provider group.</summary>
public sealed record TenantGroup(string Tenant, TenantRole Role);

/// <summary>
/// Reads Cozystack's tenant groups: <c>tenant-&lt;name&gt;-view|use|admin|super-admin</c>, plain or in Keycloak's
/// full-path form (<c>/tenant-&lt;name&gt;-&lt;role&gt;</c>). <c>super-admin</c> counts as admin. A group can read two
/// ways when the tenant name itself ends in <c>-super</c> (<c>tenant-a-super-admin</c>: super-admin of <c>a</c>, or admin
/// of <c>a-super</c>), exactly as the cluster's role bindings would read it: both are returned, and only tenants that
/// exist are kept by the caller.
/// </summary>
public static class TenantGroups
{
    private static readonly (string Suffix, TenantRole Role)[] Suffixes =
    [
        ("-super-admin", TenantRole.Admin),
        ("-admin", TenantRole.Admin),
        ("-use", TenantRole.Use),
        ("-view", TenantRole.View),
    ];

    /// <summary>Every tenant role <paramref name="group"/> can mean; empty for a group that is not a tenant group.</summary>
    public static IReadOnlyList<TenantGroup> Parse(string? group)
    {
        var name = group?.Trim();
        if (name is { Length: > 1 } && name[0] == '/')
        {
            name = name[1..];
        }
        if (name is null || !name.StartsWith(TenantNames.NamespacePrefix, StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            return [];
        }
        var found = new List<TenantGroup>();
        foreach (var (suffix, role) in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                var tenant = name[TenantNames.NamespacePrefix.Length..^suffix.Length];
                if (TenantNames.IsValid(tenant))
                {
                    found.Add(new TenantGroup(tenant, role));
                }
            }
        }
        return found;
    }

    /// <summary>The highest role per tenant among <paramref name="groups"/> (every reading of each group).</summary>
    public static IReadOnlyDictionary<string, TenantRole> HighestRoles(IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var roles = new Dictionary<string, TenantRole>(StringComparer.Ordinal);
        foreach (var (tenant, role) in groups.SelectMany(Parse))
        {
            if (!roles.TryGetValue(tenant, out var current) || role > current)
            {
                roles[tenant] = role;
            }
        }
        return roles;
    }

    /// <summary>Whether <paramref name="groups"/> hold one of <paramref name="wanted"/> (either written with or without the leading slash).</summary>
    public static bool ContainsAny(IEnumerable<string> groups, IEnumerable<string> wanted)
    {
        var set = wanted.Select(Plain).ToHashSet(StringComparer.Ordinal);
        return set.Count > 0 && groups.Any(g => set.Contains(Plain(g)));
    }

    private static string Plain(string group) => group.Trim().TrimStart('/');
}
