namespace HikubePortal.Kubernetes.Models;

/// <summary>A rbac.authorization.k8s.io/v1 RoleBinding (namespaced), minimal.</summary>
public sealed record RoleBinding : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; init; } = "RoleBinding";
    public ObjectMeta Metadata { get; init; } = new();
    public required RoleRef RoleRef { get; init; }
    public IReadOnlyList<Subject>? Subjects { get; init; }
}

/// <summary>The role a binding grants: <c>ClusterRole</c> or <c>Role</c>.</summary>
public sealed record RoleRef
{
    public string ApiGroup { get; init; } = "rbac.authorization.k8s.io";
    public required string Kind { get; init; }
    public required string Name { get; init; }
}

/// <summary>Who a binding applies to.</summary>
public sealed record Subject
{
    /// <summary><c>User</c>, <c>Group</c> or <c>ServiceAccount</c>.</summary>
    public required string Kind { get; init; }
    public required string Name { get; init; }

    /// <summary><c>rbac.authorization.k8s.io</c> for users and groups; empty for service accounts.</summary>
    public string? ApiGroup { get; init; }

    /// <summary>Only for service accounts.</summary>
    public string? Namespace { get; init; }

    public static Subject User(string name) => new() { Kind = "User", Name = name, ApiGroup = "rbac.authorization.k8s.io" };
    public static Subject Group(string name) => new() { Kind = "Group", Name = name, ApiGroup = "rbac.authorization.k8s.io" };
    public static Subject ServiceAccount(string ns, string name) => new() { Kind = "ServiceAccount", Name = name, Namespace = ns };
}
