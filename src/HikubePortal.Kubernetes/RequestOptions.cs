namespace HikubePortal.Kubernetes;

/// <summary>Act as another user: the apiserver checks RBAC for this identity (the caller needs <c>impersonate</c> rights).</summary>
/// <param name="User">Sent as <c>Impersonate-User</c>.</param>
/// <param name="Groups">Each one sent as its own <c>Impersonate-Group</c> header.</param>
public sealed record Impersonation(string User, IReadOnlyList<string>? Groups = null)
{
    /// <summary>A user with groups.</summary>
    public static Impersonation Of(string user, params string[] groups) => new(user, groups);
}

/// <summary>Options every call accepts.</summary>
public record RequestOptions
{
    /// <summary>Run the call as this user and groups (null: as the client's own identity).</summary>
    public Impersonation? Impersonate { get; init; }

    /// <summary>Overrides <see cref="KubernetesOptions.RequestTimeout"/> for this call.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Sent as <c>fieldManager</c> on writes.</summary>
    public string? FieldManager { get; init; }

    /// <summary>Only impersonation, as a shorthand.</summary>
    public static RequestOptions As(Impersonation? impersonation) => new() { Impersonate = impersonation };
}

/// <summary>Options of a list call.</summary>
public sealed record ListOptions : RequestOptions
{
    /// <summary>E.g. <c>app=x,tier!=db</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>E.g. <c>metadata.name=x</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server answers a <c>continue</c> token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The token from the previous page's <c>metadata.continue</c>.</summary>
    public string? Continue { get; init; }

    /// <summary>Consistency of the list (<c>0</c> = any cached version); null = most recent.</summary>
    public string? ResourceVersion { get; init; }
}

/// <summary>Options of a watch.</summary>
public sealed record WatchOptions : RequestOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>Start after this resourceVersion (typically a list's). Null: the server sends the current state as ADDED events first.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask for BOOKMARK events so the resume point stays fresh.</summary>
    public bool AllowBookmarks { get; init; } = true;

    /// <summary>Report bookmarks to the caller (they are always used internally for resuming).</summary>
    public bool EmitBookmarks { get; init; }

    /// <summary>Server-side duration of one watch request; the client then resumes transparently.</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Reconnect (from the last seen resourceVersion) after connection failures instead of throwing.</summary>
    public bool Resume { get; init; } = true;

    /// <summary>Longest wait between reconnection attempts (backoff doubles from 0.5 s up to this).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>How dependents are deleted.</summary>
public enum PropagationPolicy
{
    /// <summary>Delete dependents in the background (the default for most resources).</summary>
    Background,

    /// <summary>The object stays (with a <c>foregroundDeletion</c> finalizer) until its dependents are gone.</summary>
    Foreground,

    /// <summary>Dependents are left behind.</summary>
    Orphan,
}

/// <summary>Options of a delete.</summary>
public sealed record DeleteOptions : RequestOptions
{
    public PropagationPolicy? PropagationPolicy { get; init; }

    /// <summary>Delete only if the object still has this uid (not a re-created one).</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only if the object was not changed since this resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }

    public long? GracePeriodSeconds { get; init; }
}
