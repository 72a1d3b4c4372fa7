using System.Text.RegularExpressions;

namespace HikubePortal.Application.Tenants;

/// <summary>
/// Tenant names and what they map to on the cluster: namespace <c>tenant-&lt;name&gt;</c>, groups
/// <c>tenant-&lt;name&gt;-view|use|admin</c>, role bindings <c>cozy:tenant:view|use|admin</c>.
/// </summary>
public static partial class TenantNames
{
    /// <summary>Longest tenant name: <c>tenant-</c> plus the name stays a short DNS label.</summary>
    public const int MaxLength = 40;

    /// <summary>The namespace prefix.</summary>
    public const string NamespacePrefix = "tenant-";

    /// <summary>Lowercase letters, digits and hyphens; starts with a letter, ends with a letter or digit.</summary>
    public const string Pattern = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>
    /// Whether <paramref name="name"/> is an acceptable tenant name. A name may not start with <c>tenant-</c>: the
    /// namespace would be <c>tenant-tenant-...</c>, and <c>/t/tenant-acme/...</c> (the namespace, as people copy it from
    /// kubectl) is taken to mean tenant <c>acme</c>.
    /// </summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && NameRegex().IsMatch(name) && !name.StartsWith(NamespacePrefix, StringComparison.Ordinal);

    /// <summary>What is wrong with <paramref name="name"/> as a new tenant's name, in words; null when it is acceptable.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Enter a name.";
        }
        if (IsValid(name))
        {
            return null;
        }
        if (name.StartsWith(NamespacePrefix, StringComparison.Ordinal))
        {
            return $"Leave out the {NamespacePrefix} prefix: the namespace is {NamespacePrefix}<name>.";
        }
        return name.Length > MaxLength
            ? $"At most {MaxLength} characters."
            : "Use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.";
    }

    /// <summary>The tenant a namespace name stands for (<c>tenant-acme</c> → <c>acme</c>), or null.</summary>
    public static string? FromNamespace(string? value) =>
        value is not null && value.StartsWith(NamespacePrefix, StringComparison.Ordinal) && IsValid(value[NamespacePrefix.Length..])
            ? value[NamespacePrefix.Length..]
            : null;

    /// <summary>The tenant's namespace.</summary>
    public static string Namespace(string name) => NamespacePrefix + name;

    /// <summary>The cluster group whose members hold <paramref name="role"/> in the tenant.</summary>
    public static string Group(string name, TenantRole role) => $"{NamespacePrefix}{name}-{role.Slug()}";

    /// <summary>The RoleBinding (and ClusterRole) name for <paramref name="role"/>.</summary>
    public static string RoleBinding(TenantRole role) => $"cozy:tenant:{role.Slug()}";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
