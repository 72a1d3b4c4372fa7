using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Kubernetes;

/// <summary>
/// Configuration section <c>Kubernetes</c>. Where the client finds its cluster: <see cref="Kubeconfig"/>,
/// else the <c>KUBECONFIG</c> environment variable (a list of files, merged as kubectl merges them), else the
/// in-cluster service account.
/// </summary>
public sealed class KubernetesOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Path of a kubeconfig file (relative paths inside it resolve against its folder).</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Context of the kubeconfig to use; default its <c>current-context</c>.</summary>
    public string? Context { get; set; }

    /// <summary>Time limit of one non-watch call; writes (create, change, delete) have this long to finish.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time limit of one read (a GET that is not a watch), and of a page's wait for a tenant's bucket cache: a paused API
    /// server is said in words after this long. At most <see cref="RequestTimeout"/> in effect (the client's own limit).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A tenant's bucket watch stops when no page has used it for this long (it starts again on the next use).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan WatchIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
