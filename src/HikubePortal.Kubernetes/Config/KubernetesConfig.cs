using System.Text;

namespace HikubePortal.Kubernetes.Config;

/// <summary>
/// Where and how to reach one apiserver: resolved from a kubeconfig context or the in-cluster service account.
/// <see cref="ToString"/> never shows the token, the password or the client key.
/// </summary>
public sealed record KubernetesConfig
{
    /// <summary>The apiserver, e.g. <c>https://127.0.0.1:6443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>The context's namespace (in-cluster: the pod's), <c>default</c> when none is set.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Static bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>A file holding the bearer token, re-read when it rotates (service account tokens).</summary>
    public string? TokenFile { get; init; }

    /// <summary>Basic authentication (rare; kept for completeness).</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>PEM of the CA certificate(s) that sign the apiserver's certificate (null: system trust).</summary>
    public string? CertificateAuthorityPem { get; init; }

    /// <summary>PEM of the client certificate (mutual TLS).</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>PEM of the client certificate's private key.</summary>
    public string? ClientKeyPem { get; init; }

    /// <summary>Accept any server certificate (test clusters only).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Server name expected in the certificate, when it differs from <see cref="Server"/>'s host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Which context (or <c>in-cluster</c>) this came from, for diagnostics.</summary>
    public string? Source { get; init; }

    /// <summary>Reads a kubeconfig file; see <see cref="KubeconfigLoader"/>.</summary>
    public static KubernetesConfig FromKubeconfigFile(string path, string? context = null) =>
        KubeconfigLoader.LoadFile(path, context);

    /// <summary>Parses kubeconfig YAML; relative file paths in it resolve against <paramref name="baseDirectory"/>.</summary>
    public static KubernetesConfig FromKubeconfigYaml(string yaml, string? baseDirectory = null, string? context = null) =>
        KubeconfigLoader.Parse(yaml, baseDirectory ?? Directory.GetCurrentDirectory(), context);

    /// <summary>The pod's service account; see <see cref="InClusterConfig"/>.</summary>
    public static KubernetesConfig InCluster() => InClusterConfig.Load();

    /// <summary>
    /// From options: <see cref="KubernetesOptions.Kubeconfig"/>, else <c>KUBECONFIG</c> (first existing file of
    /// the list), else in-cluster.
    /// </summary>
    public static KubernetesConfig Resolve(KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            return FromKubeconfigFile(options.Kubeconfig, options.Context);
        }
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(env))
        {
            var files = env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var file = files.FirstOrDefault(File.Exists)
                ?? throw new KubeconfigException($"KUBECONFIG names no existing file ({files.Length} path(s) given)");
            return FromKubeconfigFile(file, options.Context);
        }
        return InCluster();
    }

    /// <summary>Everything but the credentials' values.</summary>
    public override string ToString()
    {
        var auth = new StringBuilder();
        if (Token is not null) auth.Append(" token=<redacted>");
        if (TokenFile is not null) auth.Append(" tokenFile=").Append(TokenFile);
        if (Username is not null) auth.Append(" basic=").Append(Username).Append(":<redacted>");
        if (ClientCertificatePem is not null) auth.Append(" clientCertificate=<set>");
        if (CertificateAuthorityPem is not null) auth.Append(" ca=<set>");
        if (InsecureSkipTlsVerify) auth.Append(" insecure-skip-tls-verify");
        return $"KubernetesConfig {{ Server = {Server}, Namespace = {Namespace}, Source = {Source},{auth} }}";
    }
}

/// <summary>A kubeconfig that cannot be used: missing file, unknown context, unsupported auth.</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException() { }
    public KubeconfigException(string message) : base(message) { }
    public KubeconfigException(string message, Exception innerException) : base(message, innerException) { }
}
