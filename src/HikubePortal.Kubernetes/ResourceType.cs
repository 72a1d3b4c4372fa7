namespace HikubePortal.Kubernetes;

/// <summary>
/// Which REST resource a call targets: <c>/api/v1/...</c> for the core group (empty
/// <paramref name="Group"/>), else <c>/apis/{group}/{version}/...</c>.
/// </summary>
/// <param name="Group">API group, empty for core.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name in URLs, e.g. <c>secrets</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="Kind">The object kind, e.g. <c>Secret</c>.</param>
public sealed record ResourceType(string Group, string Version, string Plural, bool Namespaced, string Kind)
{
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", false, "Namespace");
    public static readonly ResourceType Secrets = new("", "v1", "secrets", true, "Secret");
    public static readonly ResourceType RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", true, "RoleBinding");
    public static readonly ResourceType ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", false, "ClusterRoleBinding");

    /// <summary><c>v1</c> or <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Whether values of this resource must never be shown (Secrets).</summary>
    public bool IsSensitive => Group.Length == 0 && Plural == "secrets";

    /// <summary>The REST path of the collection or of one object.</summary>
    internal string Path(string? ns, string? name = null, string? subresource = null)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        var path = Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{root}/{Plural}";
        if (name is not null)
        {
            path += "/" + Uri.EscapeDataString(name);
            if (subresource is not null)
            {
                path += "/" + subresource;
            }
        }
        return path;
    }

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
