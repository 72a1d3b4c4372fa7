namespace HikubePortal.Kubernetes.Watching;

/// <summary>What a <see cref="ListWatch{T}"/> reports.</summary>
public enum ResourceEventType
{
    /// <summary>The object is new to the caller (first list, relist, or a watch ADDED).</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object is gone (a watch DELETED, or missing from a relist).</summary>
    Deleted,

    /// <summary>A (re)list is complete: every object that exists has been reported. <see cref="ResourceEvent{T}.Object"/> is null.</summary>
    Synced,
}

/// <summary>One change seen by a list-then-watch.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Mirrors the watch event's 'object' field.")]
public sealed record ResourceEvent<T>(ResourceEventType Type, T? Object)
    where T : class;
