using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Kubernetes;

/// <summary>
/// Configuration section <c>Kubernetes</c>. Where the client finds its cluster: <see cref="Kubeconfig"/>,
/// else the <c>KUBECONFIG</c> environment variable, else the in-cluster service account.
/// </summary>
public sealed class KubernetesOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Path of a kubeconfig file (relative paths inside it resolve against its folder).</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Context of the kubeconfig to use; default its <c>current-context</c>.</summary>
    public string? Context { get; set; }

    /// <summary>Time limit of one non-watch call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
