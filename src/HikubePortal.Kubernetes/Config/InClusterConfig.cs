namespace HikubePortal.Kubernetes.Config;

/// <summary>
/// The pod's service account: <c>KUBERNETES_SERVICE_HOST</c>/<c>KUBERNETES_SERVICE_PORT</c>, the CA and the
/// namespace from the mounted service account folder, and the token file (re-read by the client as it rotates).
/// </summary>
public static class InClusterConfig
{
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Whether this process looks like it runs in a pod.</summary>
    public static bool IsAvailable(string serviceAccountDirectory = DefaultServiceAccountDirectory) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))
        && File.Exists(Path.Combine(serviceAccountDirectory, "token"));

    /// <summary>Reads the environment and <paramref name="serviceAccountDirectory"/>.</summary>
    public static KubernetesConfig Load(string serviceAccountDirectory = DefaultServiceAccountDirectory) =>
        Load(Environment.GetEnvironmentVariable, serviceAccountDirectory);

    /// <summary>Testable form: <paramref name="getEnvironment"/> supplies the variables.</summary>
    public static KubernetesConfig Load(Func<string, string?> getEnvironment, string serviceAccountDirectory)
    {
        ArgumentNullException.ThrowIfNull(getEnvironment);
        var host = getEnvironment("KUBERNETES_SERVICE_HOST");
        var port = getEnvironment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException(
                "no kubeconfig configured (Kubernetes:Kubeconfig or KUBECONFIG) and not in a cluster (KUBERNETES_SERVICE_HOST/PORT unset)");
        }
        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        if (!File.Exists(tokenFile))
        {
            throw new KubeconfigException($"in-cluster service account token not found: {tokenFile}");
        }
        var caFile = Path.Combine(serviceAccountDirectory, "ca.crt");
        var nsFile = Path.Combine(serviceAccountDirectory, "namespace");
        var hostPart = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return new KubernetesConfig
        {
            Server = new Uri($"https://{hostPart}:{port}"),
            TokenFile = tokenFile,
            CertificateAuthorityPem = File.Exists(caFile) ? File.ReadAllText(caFile) : null,
            Namespace = File.Exists(nsFile) && File.ReadAllText(nsFile).Trim() is { Length: > 0 } ns ? ns : "default",
            Source = "in-cluster",
        };
    }
}
