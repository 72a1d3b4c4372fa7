using System.Diagnostics.CodeAnalysis;

namespace HikubePortal.Kubernetes.Models;

/// <summary>The type of a watch event.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Progress marker: only <c>metadata.resourceVersion</c> of the object is meaningful.</summary>
    Bookmark,

    /// <summary>The server reported an error; <see cref="WatchEvent{T}.Status"/> says which.</summary>
    Error,
}

/// <summary>One event of a watch. <see cref="Object"/> is set for every type except <see cref="WatchEventType.Error"/>.</summary>
[SuppressMessage("Naming", "CA1720", Justification = "Mirrors the watch event's 'object' field.")]
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, Status? Status = null)
{
    /// <summary>The resourceVersion carried by the event (for every type but Error).</summary>
    public string? ResourceVersion => Object is IKubernetesObject o ? o.Metadata.ResourceVersion : null;
}

/// <summary>What a list-then-watch (<see cref="IKubernetesClient.InformAsync{T}"/>) reports.</summary>
public enum ResourceEventType
{
    /// <summary>The object is new to the caller (first list, relist, or a watch ADDED).</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object is gone (a watch DELETED, or missing from a relist).</summary>
    Deleted,

    /// <summary>
    /// A (re)list is complete: every object that exists has been reported since the previous
    /// <c>Synced</c>. <see cref="ResourceEvent{T}.Object"/> is null.
    /// </summary>
    Synced,
}

/// <summary>One event of a list-then-watch.</summary>
[SuppressMessage("Naming", "CA1720", Justification = "Same shape as WatchEvent.")]
public sealed record ResourceEvent<T>(ResourceEventType Type, T? Object);
