using System.Diagnostics.Metrics;

namespace HikubePortal.Kubernetes.Watching;

/// <summary>
/// Instruments of the list-then-watch loops and the bucket watch caches, on the portal's meter <c>HikubePortal</c>
/// (a second <see cref="Meter"/> of the same name: exporters listen by name). No namespace or tenant labels.
/// </summary>
public static class KubernetesMetrics
{
    public const string MeterName = "HikubePortal";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Tenant bucket watch caches currently open.</summary>
    public static readonly UpDownCounter<long> WatchCaches = Meter.CreateUpDownCounter<long>(
        "hikube_portal.kubernetes.watch_caches", "{cache}", "Tenant bucket watch caches currently open.");

    /// <summary>Watch events received (ADDED, MODIFIED, DELETED; bookmarks not counted).</summary>
    public static readonly Counter<long> WatchEvents = Meter.CreateCounter<long>(
        "hikube_portal.kubernetes.watch.events", "{event}", "Kubernetes watch events received, by type.");

    /// <summary>Full lists made again after the first one (410 Gone, or an error while listing).</summary>
    public static readonly Counter<long> Relists = Meter.CreateCounter<long>(
        "hikube_portal.kubernetes.watch.relists", "{list}", "Lists made again by list-then-watch loops (resourceVersion expired or list failed).");

    /// <summary>Watches started again after a failure (connection lost, API server restarted, no data for too long).</summary>
    public static readonly Counter<long> WatchRestarts = Meter.CreateCounter<long>(
        "hikube_portal.kubernetes.watch.restarts", "{watch}", "Kubernetes watches started again after a failure.");
}
