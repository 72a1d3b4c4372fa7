using HikubePortal.Testing;
using Xunit.Abstractions;

namespace HikubePortal.PlatformTests.Deployment;

/// <summary>
/// Every object of <c>kubectl kustomize deploy/kubernetes</c> (and the optional rbac-service-account-mode.yaml) passes a
/// server-side dry run on the local kube-apiserver: schema, defaulting, validation and admission, nothing stored.
/// Namespaced objects go to a fresh namespace of their own (created for real) so they are checked in a namespace
/// that exists. The local apiserver is v1.20: a kind whose production version it does not serve yet is checked in
/// the older version with the same schema (policy/v1 PodDisruptionBudget as policy/v1beta1), and the test says so.
/// </summary>
public sealed class ManifestDryRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> OlderSameSchema = new(StringComparer.Ordinal)
    {
        ["policy/v1 PodDisruptionBudget"] = "policy/v1beta1",
    };

    private readonly string _namespace = LocalPlatform.UniqueName("dryrun");

    public static TheoryData<string, string> Objects()
    {
        var data = new TheoryData<string, string>();
        foreach (var item in Manifests.Render())
        {
            data.Add("kustomization.yaml", item.ToString());
        }
        foreach (var item in Manifests.FromFile("rbac-service-account-mode.yaml"))
        {
            data.Add("rbac-service-account-mode.yaml", item.ToString());
        }
        return data;
    }

    [Fact]
    public void The_kustomization_renders_every_part_of_the_deployment()
    {
        var kinds = Manifests.Render().Select(o => o.Kind).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "ConfigMap", "Job", "Deployment",
                "PodDisruptionBudget", "Service", "Ingress", "NetworkPolicy"], StringComparer.Ordinal),
            kinds);
        Assert.DoesNotContain("Secret", kinds);
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Passes_a_server_side_dry_run(string source, string kindAndName)
    {
        var all = source == "kustomization.yaml" ? Manifests.Render() : Manifests.FromFile(source);
        var item = all.Single(o => o.ToString() == kindAndName);
        var yaml = item.Yaml;
        var key = $"{item.ApiVersion} {item.Kind}";
        if (OlderSameSchema.TryGetValue(key, out var older) && !Served(item.ApiVersion))
        {
            output.WriteLine($"{item}: the local apiserver (v1.20) does not serve {item.ApiVersion}; checked as {older} (same schema).");
            yaml = yaml.Replace($"apiVersion: {item.ApiVersion}", $"apiVersion: {older}", StringComparison.Ordinal);
        }
        if (item.Namespace is not null)
        {
            yaml = yaml.Replace($"  namespace: {item.Namespace}\n", $"  namespace: {_namespace}\n", StringComparison.Ordinal);
        }

        var result = Kubectl.TryRun(yaml, "--kubeconfig", LocalPlatform.Current.AdminKubeconfig,
            "apply", "--dry-run=server", "--validate=true", "-f", "-");

        output.WriteLine(result.Output + result.Error);
        Assert.True(result.ExitCode == 0, $"{source}: {item} failed the server-side dry run: {result.Error.Trim()}");
        Assert.Contains("(server dry run)", result.Output, StringComparison.Ordinal);
    }

    private static bool Served(string apiVersion) =>
        Kubectl.Run(null, "--kubeconfig", LocalPlatform.Current.AdminKubeconfig, "api-versions")
            .Split('\n', StringSplitOptions.TrimEntries).Contains(apiVersion);

    public Task InitializeAsync()
    {
        Kubectl.Run(null, "--kubeconfig", LocalPlatform.Current.AdminKubeconfig, "create", "namespace", _namespace);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Kubectl.TryRun(null, "--kubeconfig", LocalPlatform.Current.AdminKubeconfig, "delete", "namespace", _namespace, "--wait=false");
        return Task.CompletedTask;
    }
}
