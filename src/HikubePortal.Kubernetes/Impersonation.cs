namespace HikubePortal.Kubernetes;

/// <summary>
/// Run a call as another user in one group: the apiserver checks RBAC for that identity (the portal's account needs
/// <c>impersonate</c>). One group only, by design: .NET folds repeated header values into one comma-separated line
/// (dotnet/runtime#63808), which kube-apiserver would read as a single group named "a, b".
/// </summary>
/// <param name="User">Sent as <c>Impersonate-User</c>.</param>
/// <param name="Group">Sent as <c>Impersonate-Group</c>, e.g. <c>tenant-acme-use</c>.</param>
public sealed record Impersonation(string User, string Group)
{
    /// <summary>The request headers of this identity.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["Impersonate-User"] = [Checked(User, "user")],
        ["Impersonate-Group"] = [Checked(Group, "group")],
    };

    /// <summary>The headers of <paramref name="impersonation"/>, or none (the portal's own identity).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? HeadersOf(Impersonation? impersonation) => impersonation?.Headers;

    private static string Checked(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl) || value.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException($"An impersonated {what} must be non-empty, without control characters or commas.", what);
        }
        return value;
    }
}
