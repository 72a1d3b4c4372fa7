using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// A tenant as the current user reaches it on the cluster: their access (checked against the membership first,
/// so a guessed tenant never reaches Kubernetes) and the identity the cluster calls impersonate.
/// </summary>
internal sealed record TenantScope(TenantAccess Access, Impersonation? As)
{
    public string Tenant => Access.Tenant;

    public string Namespace => Access.Namespace;
}

/// <summary>Opens a <see cref="TenantScope"/> for the current user.</summary>
internal sealed class TenantScopes(ITenantAccessService access, IClusterIdentity identity)
{
    /// <summary>NotFound for non-members, Forbidden below <paramref name="minimum"/>.</summary>
    public async Task<TenantScope> OpenAsync(string tenant, TenantRole minimum, CancellationToken cancellationToken)
    {
        var scope = await access.RequireAsync(tenant, minimum, cancellationToken);
        return new TenantScope(scope, identity.ImpersonationFor(scope));
    }
}

/// <summary>Kubernetes failures in plain words: the application errors pages know how to show.</summary>
internal static class ClusterErrors
{
    /// <summary>Runs a cluster call and translates its failure.</summary>
    public static async Task<T> RunAsync<T>(TenantScope scope, string? bucket, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (KubernetesException ex)
        {
            throw Translate(ex, scope.Access, bucket);
        }
    }

    public static PortalException Translate(KubernetesException exception, TenantAccess access, string? bucket)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(access);
        var ns = access.Namespace;
        var what = bucket is null ? "the buckets" : $"bucket {bucket}";
        return exception switch
        {
            KubernetesNotFoundException => new NotFoundException(
                bucket is null ? $"{ns} does not exist on the cluster." : $"Bucket {bucket} does not exist in {ns}; it may have been deleted.", exception),
            KubernetesAlreadyExistsException => new ConflictException($"Bucket name {bucket} is already used in {ns}.", exception),
            KubernetesConflictException => new ConflictException($"Bucket {bucket} changed at the same time; reload the page and try again.", exception),
            KubernetesForbiddenException => new ForbiddenException(
                $"The cluster refused access to {what}: its RBAC does not let your role ({access.Role.Slug()}) in {ns} do this. Ask a tenant admin or the operators.", exception),
            KubernetesInvalidException invalid => Invalid(invalid),
            KubernetesUnauthorizedException => new UnavailableException(
                "The cluster did not accept the portal's own credentials; the portal operators need to fix this.", exception),
            KubernetesUnavailableException { NotAnswering: true } => new UnavailableException(
                "The cluster (Kubernetes API) is not answering; try again in a moment.", exception),
            KubernetesUnavailableException => new UnavailableException(
                "The cluster (Kubernetes API) cannot be reached right now; try again in a moment.", exception),
            _ => new UnavailableException("The cluster answered with an unexpected error; try again in a moment.", exception),
        };
    }

    /// <summary>The fields of an admission or validation error, named as the portal's forms name them.</summary>
    private static InvalidException Invalid(KubernetesInvalidException invalid)
    {
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (path, messages) in invalid.FieldErrors)
        {
            var field = FormField(path);
            var words = messages.Select(m => string.IsNullOrEmpty(path) ? m : $"{path}: {m}").ToList();
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. words] : words;
        }
        var summary = errors.Count == 0
            ? "The cluster refused these settings."
            : "The cluster refused these settings: " + string.Join("; ", errors.SelectMany(e => e.Value)) + ".";
        return new InvalidException(summary, errors);
    }

    private static string FormField(string path) => path switch
    {
        "metadata.name" or "name" => "Name",
        _ when path.StartsWith("spec.users", StringComparison.Ordinal) => "Users",
        "spec.storagePool" => "StoragePool",
        "spec.locking" => "Locking",
        _ => string.Empty,
    };
}
