using System.Net;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>Kubeconfig forms read through the library, and what a wrong one says.</summary>
public sealed class ClusterConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kubeconfig");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string TwoContexts = """
        apiVersion: v1
        kind: Config
        current-context: a
        clusters:
        - name: c
          cluster: { server: "https://one.test:6443", insecure-skip-tls-verify: true }
        - name: d
          cluster: { server: "https://two.test:6443", insecure-skip-tls-verify: true }
        users:
        - name: u
          user: { token: the-token }
        contexts:
        - name: a
          context: { cluster: c, user: u }
        - name: b
          context: { cluster: d, user: u, namespace: ns-b }
        """;

    [Fact]
    public void The_current_context_or_a_named_one_is_used_and_the_request_timeout_applies()
    {
        var path = Write("config", TwoContexts);

        var current = ClusterConfiguration.Resolve(new KubernetesOptions { Kubeconfig = path });
        var named = ClusterConfiguration.Resolve(new KubernetesOptions { Kubeconfig = path, Context = "b", RequestTimeout = TimeSpan.FromSeconds(7) });

        Assert.Equal("https://one.test:6443", current.Host);
        Assert.Equal("https://two.test:6443", named.Host);
        Assert.Equal("ns-b", named.Namespace);
        Assert.Equal("the-token", named.AccessToken);
        Assert.Equal(TimeSpan.FromSeconds(7), named.HttpClientTimeout);
        Assert.Equal("hikube-portal", named.UserAgent);
    }

    [Fact]
    public void A_context_that_does_not_exist_is_named_in_the_error()
    {
        var path = Write("config", TwoContexts);

        var error = Assert.Throws<KubeconfigException>(() => ClusterConfiguration.Resolve(new KubernetesOptions { Kubeconfig = path, Context = "prod" }));

        Assert.Equal("it has no context named prod", error.Message);
    }

    [Fact]
    public void A_missing_file_and_broken_yaml_are_clear_errors()
    {
        var missing = Path.Combine(_dir.FullName, "nope");
        var broken = Write("broken", "clusters: [ { name: c\n  - :");

        Assert.Equal("names a file that does not exist",
            Assert.Throws<KubeconfigException>(() => ClusterConfiguration.Resolve(new KubernetesOptions { Kubeconfig = missing })).Message);
        Assert.Equal("kubeconfig is not valid YAML (line 2)",
            Assert.Throws<KubeconfigException>(() => ClusterConfiguration.Resolve(new KubernetesOptions { Kubeconfig = broken })).Message);
        Assert.Equal($"Kubernetes:Kubeconfig ({missing})", ClusterConfiguration.Source(new KubernetesOptions { Kubeconfig = missing }));
    }

    [Fact]
    public async Task An_exec_credential_plugin_supplies_the_token()
    {
        var plugin = Write("plugin.sh", """
            #!/bin/sh
            printf '%s' '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"from-the-plugin"}}'
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var path = Write("config", $$"""
            apiVersion: v1
            kind: Config
            current-context: a
            clusters:
            - name: c
              cluster: { server: "https://one.test:6443" }
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: {{plugin}}
                  interactiveMode: Never
            contexts:
            - name: a
              context: { cluster: c, user: u }
            """);
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, """{"metadata":{"name":"b"}}""");

        using var kube = new k8s.Kubernetes(ClusterConfiguration.Resolve(new KubernetesOptions { Kubeconfig = path }), handler);
        await new BucketApi(kube).GetAsync("t", "b", null, default);

        Assert.Equal(["Bearer from-the-plugin"], Assert.Single(handler.Requests).Header("Authorization"));
    }

    [Fact]
    public void Client_certificates_as_data_are_read()
    {
        using var ca = TestCertificates.CreateCa();
        using var client = TestCertificates.CreateLeaf(ca, "portal", server: false);
        var path = Write("config", $$"""
            apiVersion: v1
            kind: Config
            current-context: a
            clusters:
            - name: c
              cluster:
                server: "https://one.test:6443"
                certificate-authority-data: {{TestCertificates.Base64(TestCertificates.CertificatePem(ca))}}
            users:
            - name: u
              user:
                client-certificate-data: {{TestCertificates.Base64(TestCertificates.CertificatePem(client))}}
                client-key-data: {{TestCertificates.Base64(TestCertificates.KeyPem(client))}}
            contexts:
            - name: a
              context: { cluster: c, user: u }
            """);

        var config = ClusterConfiguration.Resolve(new KubernetesOptions { Kubeconfig = path });
        using var kube = new k8s.Kubernetes(config);

        Assert.NotNull(config.ClientCertificateData);
        Assert.Equal(ca.Thumbprint, Assert.Single(config.SslCaCerts!).Thumbprint);
    }
}
