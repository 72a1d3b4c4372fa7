using System.Net;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Config;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class RegistrationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kube-reg");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void AddKubernetesClient_binds_the_Kubernetes_section()
    {
        var path = Path.Combine(_dir.FullName, "config");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            current-context: a
            clusters:
            - name: c
              cluster: { server: "https://one:6443" }
            - name: d
              cluster: { server: "https://two:6443" }
            users:
            - name: u
              user: { token: t }
            contexts:
            - name: a
              context: { cluster: c, user: u }
            - name: b
              context: { cluster: d, user: u, namespace: ns-b }
            """);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = path,
            ["Kubernetes:Context"] = "b",
            ["Kubernetes:RequestTimeout"] = "00:00:05",
        });
        builder.AddKubernetesClient();
        using var host = builder.Build();

        var client = host.Services.GetRequiredService<IKubernetesClient>();

        Assert.Same(host.Services.GetRequiredService<KubernetesClient>(), client);
        Assert.Equal("two", host.Services.GetRequiredService<KubernetesConfig>().Server.Host);
        Assert.Equal("ns-b", client.DefaultNamespace);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<KubernetesOptions>>().Value.RequestTimeout);
    }

    [Fact]
    public void A_missing_kubeconfig_file_fails_options_validation()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = Path.Combine(_dir.FullName, "missing"),
        }).Build());
        services.AddKubernetesClient();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_url_with_a_path_prefix_keeps_it()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, """{"metadata":{"name":"b"}}""");
        using var client = new KubernetesClient(new KubernetesConfig { Server = new Uri("https://rancher.example/k8s/clusters/c-1/") }, handler);

        await client.GetAsync<Bucket>(Bucket.Resource, "t", "b");

        Assert.Equal("/k8s/clusters/c-1/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets/b", Assert.Single(handler.Requests).PathAndQuery);
    }
}
