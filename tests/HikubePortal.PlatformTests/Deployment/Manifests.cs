using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HikubePortal.PlatformTests.Deployment;

/// <summary>One object of the rendered manifests: its identity and its YAML text.</summary>
internal sealed record ManifestObject(string ApiVersion, string Kind, string Name, string? Namespace, string Yaml)
{
    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>The production manifests of <c>deploy/kubernetes</c>, rendered by kustomize as an operator would.</summary>
internal static partial class Manifests
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "deploy", "kubernetes", "kustomization.yaml")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("deploy/kubernetes/kustomization.yaml not found above the test binaries");
    }

    public static string Directory => Path.Combine(RepositoryRoot(), "deploy", "kubernetes");

    /// <summary><c>kubectl kustomize deploy/kubernetes</c>.</summary>
    public static IReadOnlyList<ManifestObject> Render() => Split(Kubectl.Run(null, "kustomize", Directory));

    /// <summary>The objects of one file of <c>deploy/kubernetes</c> that kustomization.yaml does not include.</summary>
    public static IReadOnlyList<ManifestObject> FromFile(string name) => Split(File.ReadAllText(Path.Combine(Directory, name)));

    public static IReadOnlyList<ManifestObject> Split(string yaml)
    {
        var result = new List<ManifestObject>();
        foreach (var text in DocumentSeparator().Split(yaml).Where(d => !string.IsNullOrWhiteSpace(d)))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                continue;
            }
            var metadata = (YamlMappingNode)root["metadata"];
            result.Add(new ManifestObject(
                Scalar(root, "apiVersion")!, Scalar(root, "kind")!, Scalar(metadata, "name")!, Scalar(metadata, "namespace"), text));
        }
        return result;
    }

    /// <summary>The rules of a rendered ClusterRole, as the API takes them.</summary>
    public static IReadOnlyList<Dictionary<string, string[]>> Rules(ManifestObject clusterRole)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(clusterRole.Yaml));
        var rules = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["rules"];
        return rules.Children.Cast<YamlMappingNode>()
            .Select(rule => rule.Children.ToDictionary(
                e => ((YamlScalarNode)e.Key).Value!,
                e => ((YamlSequenceNode)e.Value).Children.Select(v => ((YamlScalarNode)v).Value ?? string.Empty).ToArray(),
                StringComparer.Ordinal))
            .ToList();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [GeneratedRegex("^---\\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}

/// <summary>Runs kubectl (cluster-admin kubeconfig of the local platform unless told otherwise).</summary>
internal static class Kubectl
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string Run(string? stdin, params string[] args)
    {
        var result = TryRun(stdin, args);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({result.ExitCode}): {result.Error}");
    }

    public static Result TryRun(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
