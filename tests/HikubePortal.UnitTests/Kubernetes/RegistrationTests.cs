using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
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
    public void AddKubernetes_binds_the_Kubernetes_section_to_one_client_for_the_process()
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
        builder.AddKubernetes();
        using var host = builder.Build();

        var kube = host.Services.GetRequiredService<IKubernetes>();

        Assert.Same(kube, host.Services.GetRequiredService<IKubernetes>());
        Assert.Equal("two", ((k8s.Kubernetes)kube).BaseUri.Host);
        Assert.Equal("ns-b", host.Services.GetRequiredService<KubernetesClientConfiguration>().Namespace);
        Assert.Equal(TimeSpan.FromSeconds(5), ((k8s.Kubernetes)kube).HttpClientTimeout);
        Assert.NotNull(host.Services.GetRequiredService<BucketApi>());
        Assert.NotNull(host.Services.GetRequiredService<TenantNamespaces>());
        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<KubernetesOptions>>().Value.RequestTimeout);
    }

    [Fact]
    public void A_request_timeout_out_of_range_fails_options_validation()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kubernetes:RequestTimeout"] = "02:00:00" });
        builder.AddKubernetes();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<KubernetesOptions>>().Value);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
    }
}
