using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Exceptions;
using YamlDotNet.Core;

namespace HikubePortal.Kubernetes;

/// <summary>
/// Turns <see cref="KubernetesOptions"/> into the library's <see cref="KubernetesClientConfiguration"/>: every kubeconfig
/// form kubectl reads (tokens, token files, client certificates, exec credential plugins, merged <c>KUBECONFIG</c>
/// lists) and the in-cluster service account. Failures become a <see cref="KubeconfigException"/> in plain words.
/// </summary>
public static class ClusterConfiguration
{
    /// <summary>The configuration the portal's client uses (its timeout is <see cref="KubernetesOptions.RequestTimeout"/>).</summary>
    public static KubernetesClientConfiguration Resolve(KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = Read(options);
        config.HttpClientTimeout = options.RequestTimeout;
        config.UserAgent = "hikube-portal";
        return config;
    }

    /// <summary>Where the configuration comes from, for messages: a file, the KUBECONFIG list or the pod.</summary>
    public static string Source(KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            return $"Kubernetes:Kubeconfig ({options.Kubeconfig})";
        }
        return KubeconfigVariable() is { Length: > 0 }
            ? "the KUBECONFIG variable (Kubernetes:Kubeconfig is empty)"
            : "the in-cluster service account (Kubernetes:Kubeconfig and KUBECONFIG are empty)";
    }

    [SuppressMessage("Design", "CA1031", Justification = "Every failure of the library's reader is a configuration problem, reported in words.")]
    private static KubernetesClientConfiguration Read(KubernetesOptions options)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
            {
                Require(options.Kubeconfig);
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig, Context(options));
            }
            if (KubeconfigVariable() is { Length: > 0 } variable)
            {
                var files = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(File.Exists).ToArray();
                if (files.Length == 0)
                {
                    throw new KubeconfigException("KUBECONFIG names no existing file");
                }
                if (Context(options) is not { } context)
                {
                    return KubernetesClientConfiguration.BuildDefaultConfig(); // merges the files as kubectl does
                }
                // A named context: the first file that has it (the library merges lists only for the current context).
                var file = files.FirstOrDefault(f => KubernetesClientConfiguration.LoadKubeConfig(f).Contexts?.Any(c => c.Name == context) == true)
                    ?? throw new KubeconfigException($"no file of KUBECONFIG has a context named {context}");
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(file, context);
            }
            if (!KubernetesClientConfiguration.IsInCluster())
            {
                throw new KubeconfigException(
                    "there is no kubeconfig (Kubernetes:Kubeconfig and KUBECONFIG are empty) and this is not a pod with a service account");
            }
            return KubernetesClientConfiguration.InClusterConfig();
        }
        catch (KubeconfigException)
        {
            throw;
        }
        catch (KubeConfigException ex)
        {
            throw new KubeconfigException(Words(ex.Message), ex);
        }
        catch (YamlException ex)
        {
            throw new KubeconfigException($"kubeconfig is not valid YAML (line {ex.Start.Line})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"cannot be read ({ex.GetType().Name})", ex);
        }
        catch (Exception ex)
        {
            // YAML syntax errors, a certificate that is not PEM, an unusable server URL...
            throw new KubeconfigException($"cannot be used ({ex.GetType().Name}: {FirstLine(ex.Message)})", ex);
        }
    }

    private static string? Context(KubernetesOptions options) =>
        string.IsNullOrWhiteSpace(options.Context) ? null : options.Context.Trim();

    private static string? KubeconfigVariable() => Environment.GetEnvironmentVariable("KUBECONFIG");

    private static void Require(string path)
    {
        if (!File.Exists(path))
        {
            throw new KubeconfigException("names a file that does not exist");
        }
    }

    // The library's words, made a little plainer where they name a missing context.
    private static string Words(string message) =>
        message.StartsWith("CurrentContext: ", StringComparison.Ordinal) && message.Contains("not found", StringComparison.Ordinal)
            ? $"it has no context named {message["CurrentContext: ".Length..].Split(' ')[0]}"
            : FirstLine(message);

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

/// <summary>A kubeconfig (or in-cluster service account) that cannot be used: missing file, unknown context, bad YAML.</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException() { }
    public KubeconfigException(string message) : base(message) { }
    public KubeconfigException(string message, Exception innerException) : base(message, innerException) { }
}
