using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace HikubePortal.Kubernetes.Config;

/// <summary>
/// Reads kubeconfig files: current or named context, its cluster (server, CA data or file,
/// insecure-skip-tls-verify, tls-server-name) and user (token, tokenFile, client certificate and key as
/// data or files, basic auth). Exec and auth-provider plugins are refused with a clear message.
/// </summary>
public static class KubeconfigLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    /// <summary>Loads <paramref name="path"/>; relative paths inside resolve against its folder.</summary>
    public static KubernetesConfig LoadFile(string path, string? context = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new KubeconfigException($"kubeconfig file not found: {path}");
        }
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), Path.GetDirectoryName(full) ?? ".", context);
    }

    /// <summary>Parses kubeconfig YAML text.</summary>
    public static KubernetesConfig Parse(string yaml, string baseDirectory, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        KubeconfigFile file;
        try
        {
            file = Yaml.Deserialize<KubeconfigFile?>(yaml) ?? new KubeconfigFile();
        }
        catch (YamlException ex)
        {
            throw new KubeconfigException($"kubeconfig is not valid YAML (line {ex.Start.Line})", ex);
        }

        var contextName = string.IsNullOrEmpty(context) ? file.CurrentContext : context;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeconfigException("kubeconfig has no current-context and no context was given");
        }
        var ctx = file.Contexts.FirstOrDefault(c => c.Name == contextName)?.Context
            ?? throw new KubeconfigException($"kubeconfig has no context '{contextName}'");
        var cluster = file.Clusters.FirstOrDefault(c => c.Name == ctx.Cluster)?.Cluster
            ?? throw new KubeconfigException($"kubeconfig context '{contextName}' names an unknown cluster '{ctx.Cluster}'");
        var user = string.IsNullOrEmpty(ctx.User)
            ? new KubeconfigUser()
            : file.Users.FirstOrDefault(u => u.Name == ctx.User)?.User
                ?? throw new KubeconfigException($"kubeconfig context '{contextName}' names an unknown user '{ctx.User}'");

        if (user.Exec is not null || user.AuthProvider is not null)
        {
            throw new KubeconfigException(
                $"kubeconfig user '{ctx.User}' uses an exec or auth-provider plugin, which this client does not run; use a token or a client certificate");
        }
        if (string.IsNullOrWhiteSpace(cluster.Server) || !Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server))
        {
            throw new KubeconfigException($"kubeconfig cluster '{ctx.Cluster}' has no valid server URL");
        }

        string? Resolve(string? path) =>
            string.IsNullOrEmpty(path) ? null : Path.GetFullPath(Path.Combine(baseDirectory, ExpandHome(path)));

        return new KubernetesConfig
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(ctx.Namespace) ? "default" : ctx.Namespace,
            Token = string.IsNullOrEmpty(user.Token) ? null : user.Token,
            TokenFile = Resolve(user.TokenFile),
            Username = string.IsNullOrEmpty(user.Username) ? null : user.Username,
            Password = string.IsNullOrEmpty(user.Password) ? null : user.Password,
            CertificateAuthorityPem = DataOrFile(cluster.CertificateAuthorityData, Resolve(cluster.CertificateAuthority), "certificate-authority"),
            ClientCertificatePem = DataOrFile(user.ClientCertificateData, Resolve(user.ClientCertificate), "client-certificate"),
            ClientKeyPem = DataOrFile(user.ClientKeyData, Resolve(user.ClientKey), "client-key"),
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            Source = $"kubeconfig context {contextName}",
        };
    }

    private static string? DataOrFile(string? base64, string? file, string field)
    {
        if (!string.IsNullOrWhiteSpace(base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
            }
            catch (FormatException ex)
            {
                throw new KubeconfigException($"kubeconfig {field}-data is not valid base64", ex);
            }
        }
        if (file is null)
        {
            return null;
        }
        if (!File.Exists(file))
        {
            throw new KubeconfigException($"kubeconfig {field} file not found: {file}");
        }
        return File.ReadAllText(file);
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
