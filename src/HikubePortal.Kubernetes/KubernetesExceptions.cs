using k8s.Models;

namespace HikubePortal.Kubernetes;

/// <summary>
/// An error answered by the apiserver (a <c>Status</c>), or a failure to reach it.
/// Messages never contain request or response bodies, and for Secrets never a server message that could echo a value.
/// </summary>
public class KubernetesException : Exception
{
    public KubernetesException() { }

    public KubernetesException(string message) : base(message) { }

    public KubernetesException(string message, Exception innerException) : base(message, innerException) { }

    public KubernetesException(string message, V1Status? status, Exception? innerException = null)
        : base(message, innerException) => Status = status;

    /// <summary>The <c>Status</c> object the server sent, when it sent one (its message may be blanked for Secrets).</summary>
    public V1Status? Status { get; }

    /// <summary>HTTP status code, null when the server was not reached.</summary>
    public int? StatusCode => Status?.Code;

    /// <summary>The <c>Status.reason</c>, e.g. <c>NotFound</c>.</summary>
    public string? Reason => Status?.Reason;

    /// <summary>The <c>Status.details.causes</c> (field errors for Invalid).</summary>
    public IReadOnlyList<V1StatusCause> Causes => Status?.Details?.Causes is { } causes ? [.. causes] : [];
}

/// <summary>404: the object (or namespace) does not exist.</summary>
public sealed class KubernetesNotFoundException : KubernetesException
{
    public KubernetesNotFoundException() { }
    public KubernetesNotFoundException(string message) : base(message) { }
    public KubernetesNotFoundException(string message, Exception innerException) : base(message, innerException) { }
    public KubernetesNotFoundException(string message, V1Status? status, Exception? innerException = null) : base(message, status, innerException) { }
}

/// <summary>409: a precondition or resourceVersion did not match (optimistic concurrency), or the object exists.</summary>
public class KubernetesConflictException : KubernetesException
{
    public KubernetesConflictException() { }
    public KubernetesConflictException(string message) : base(message) { }
    public KubernetesConflictException(string message, Exception innerException) : base(message, innerException) { }
    public KubernetesConflictException(string message, V1Status? status, Exception? innerException = null) : base(message, status, innerException) { }
}

/// <summary>409 AlreadyExists: create of a name that is taken. A <see cref="KubernetesConflictException"/>.</summary>
public sealed class KubernetesAlreadyExistsException : KubernetesConflictException
{
    public KubernetesAlreadyExistsException() { }
    public KubernetesAlreadyExistsException(string message) : base(message) { }
    public KubernetesAlreadyExistsException(string message, Exception innerException) : base(message, innerException) { }
    public KubernetesAlreadyExistsException(string message, V1Status? status, Exception? innerException = null) : base(message, status, innerException) { }
}

/// <summary>403: RBAC denied the call (for an impersonated call: the impersonated identity, or the impersonation itself).</summary>
public sealed class KubernetesForbiddenException : KubernetesException
{
    public KubernetesForbiddenException() { }
    public KubernetesForbiddenException(string message) : base(message) { }
    public KubernetesForbiddenException(string message, Exception innerException) : base(message, innerException) { }
    public KubernetesForbiddenException(string message, V1Status? status, Exception? innerException = null) : base(message, status, innerException) { }
}

/// <summary>401: the client's credentials were rejected.</summary>
public sealed class KubernetesUnauthorizedException : KubernetesException
{
    public KubernetesUnauthorizedException() { }
    public KubernetesUnauthorizedException(string message) : base(message) { }
    public KubernetesUnauthorizedException(string message, Exception innerException) : base(message, innerException) { }
    public KubernetesUnauthorizedException(string message, V1Status? status, Exception? innerException = null) : base(message, status, innerException) { }
}

/// <summary>422 Invalid (or 400 BadRequest): the object failed validation; <see cref="KubernetesException.Causes"/> name the fields.</summary>
public sealed class KubernetesInvalidException : KubernetesException
{
    public KubernetesInvalidException() { }
    public KubernetesInvalidException(string message) : base(message) { }
    public KubernetesInvalidException(string message, Exception innerException) : base(message, innerException) { }
    public KubernetesInvalidException(string message, V1Status? status, Exception? innerException = null) : base(message, status, innerException) { }

    /// <summary>Field path -> messages, for forms (fields without a path under the empty key).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors =>
        Causes.GroupBy(c => c.Field ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)g.Select(c => c.Message ?? c.Reason ?? "invalid").ToList(),
                StringComparer.Ordinal);
}

/// <summary>
/// 410 Gone / Expired: the requested resourceVersion is too old (compacted). A watcher must list again
/// and watch from the new list's resourceVersion.
/// </summary>
public sealed class KubernetesGoneException : KubernetesException
{
    public KubernetesGoneException() { }
    public KubernetesGoneException(string message) : base(message) { }
    public KubernetesGoneException(string message, Exception innerException) : base(message, innerException) { }
    public KubernetesGoneException(string message, V1Status? status, Exception? innerException = null) : base(message, status, innerException) { }
}

/// <summary>The apiserver could not be reached or could not answer: connection failure, timeout, 429 or 5xx. Retrying later may help.</summary>
public sealed class KubernetesUnavailableException : KubernetesException
{
    public KubernetesUnavailableException() { }
    public KubernetesUnavailableException(string message) : base(message) { }
    public KubernetesUnavailableException(string message, Exception innerException) : base(message, innerException) { }
    public KubernetesUnavailableException(string message, V1Status? status, Exception? innerException = null) : base(message, status, innerException) { }

    /// <summary>The API server took the connection but did not answer in time (paused, overloaded), rather than refusing it.</summary>
    public bool NotAnswering { get; init; }
}
