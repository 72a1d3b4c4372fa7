using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Config;
using HikubePortal.Kubernetes.Http;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kubeconfig-test");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Kubeconfig(string cluster, string user, string context = "namespace: tenant-a", string current = "ctx") => $"""
        apiVersion: v1
        kind: Config
        current-context: {current}
        clusters:
        - name: c1
          cluster:
        {Indent(cluster, 4)}
        users:
        - name: u1
          user:
        {Indent(user, 4)}
        contexts:
        - name: ctx
          context:
            cluster: c1
            user: u1
        {Indent(context, 4)}
        - name: other
          context:
            cluster: c1
            user: u1
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => new string(' ', spaces) + l));

    [Fact]
    public void Bearer_token_server_and_context_namespace()
    {
        var config = KubeconfigLoader.Parse(Kubeconfig("server: https://127.0.0.1:6443", "token: abc.def"), _dir.FullName);

        Assert.Equal(new Uri("https://127.0.0.1:6443"), config.Server);
        Assert.Equal("abc.def", config.Token);
        Assert.Equal("tenant-a", config.Namespace);
        Assert.Null(config.CertificateAuthorityPem);
        Assert.False(config.InsecureSkipTlsVerify);
        Assert.DoesNotContain("abc.def", config.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_context_overrides_current_context_and_defaults_the_namespace()
    {
        var config = KubeconfigLoader.Parse(Kubeconfig("server: https://h:1", "token: t"), _dir.FullName, context: "other");

        Assert.Equal("default", config.Namespace);
        Assert.Equal("kubeconfig context other", config.Source);
    }

    [Fact]
    public void Token_file_is_resolved_relative_to_the_kubeconfig()
    {
        var config = KubeconfigLoader.Parse(Kubeconfig("server: https://h:1", "tokenFile: tokens/sa"), _dir.FullName);

        Assert.Null(config.Token);
        Assert.Equal(Path.Combine(_dir.FullName, "tokens", "sa"), config.TokenFile);
    }

    [Fact]
    public void Certificate_authority_and_client_certificate_as_data()
    {
        using var ca = TestCertificates.CreateCa();
        using var client = TestCertificates.CreateLeaf(ca, "alice", server: false);
        var caPem = TestCertificates.CertificatePem(ca);
        var yaml = Kubeconfig(
            $"server: https://h:1\ncertificate-authority-data: {TestCertificates.Base64(caPem)}",
            $"client-certificate-data: {TestCertificates.Base64(TestCertificates.CertificatePem(client))}\nclient-key-data: {TestCertificates.Base64(TestCertificates.KeyPem(client))}");

        var config = KubeconfigLoader.Parse(yaml, _dir.FullName);

        Assert.Equal(caPem, config.CertificateAuthorityPem);
        Assert.Contains("BEGIN CERTIFICATE", config.ClientCertificatePem, StringComparison.Ordinal);
        Assert.Contains("PRIVATE KEY", config.ClientKeyPem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", config.ToString(), StringComparison.Ordinal);
        using var handler = KubernetesHttpHandler.Create(config);
        var loaded = Assert.Single(handler.SslOptions.ClientCertificates!.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>());
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(client.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void Certificate_authority_and_client_certificate_as_files()
    {
        using var ca = TestCertificates.CreateCa();
        using var client = TestCertificates.CreateLeaf(ca, "bob", server: false);
        File.WriteAllText(Path.Combine(_dir.FullName, "ca.crt"), TestCertificates.CertificatePem(ca));
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "pki"));
        File.WriteAllText(Path.Combine(_dir.FullName, "pki", "bob.crt"), TestCertificates.CertificatePem(client));
        File.WriteAllText(Path.Combine(_dir.FullName, "pki", "bob.key"), TestCertificates.KeyPem(client));
        var path = Path.Combine(_dir.FullName, "config");
        File.WriteAllText(path, Kubeconfig("server: https://h:1\ncertificate-authority: ca.crt",
            "client-certificate: pki/bob.crt\nclient-key: pki/bob.key"));

        var config = KubernetesConfig.FromKubeconfigFile(path);

        Assert.Equal(TestCertificates.CertificatePem(ca), config.CertificateAuthorityPem);
        Assert.Equal(TestCertificates.CertificatePem(client), config.ClientCertificatePem);
        Assert.Equal(TestCertificates.KeyPem(client), config.ClientKeyPem);
    }

    [Fact]
    public void Insecure_skip_tls_verify_and_tls_server_name()
    {
        var config = KubeconfigLoader.Parse(
            Kubeconfig("server: https://10.0.0.1:6443\ninsecure-skip-tls-verify: true\ntls-server-name: kubernetes", "token: t"), _dir.FullName);

        Assert.True(config.InsecureSkipTlsVerify);
        Assert.Equal("kubernetes", config.TlsServerName);
    }

    [Fact]
    public void Basic_auth_is_read_and_its_password_hidden()
    {
        var config = KubeconfigLoader.Parse(Kubeconfig("server: https://h:1", "username: admin\npassword: pa55word"), _dir.FullName);

        Assert.Equal("admin", config.Username);
        Assert.Equal("pa55word", config.Password);
        Assert.DoesNotContain("pa55word", config.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("current-context: nope", "no context 'nope'")]
    [InlineData("", "no current-context")]
    public void Unknown_or_missing_context_is_a_clear_error(string replacement, string expected)
    {
        var yaml = Kubeconfig("server: https://h:1", "token: t").Replace("current-context: ctx", replacement, StringComparison.Ordinal);

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, _dir.FullName));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exec_plugins_are_refused()
    {
        var yaml = Kubeconfig("server: https://h:1", "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: kubelogin");

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, _dir.FullName));

        Assert.Contains("exec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_and_bad_base64_are_clear_errors()
    {
        Assert.Contains("not found", Assert.Throws<KubeconfigException>(() =>
            KubeconfigLoader.Parse(Kubeconfig("server: https://h:1\ncertificate-authority: missing.crt", "token: t"), _dir.FullName)).Message, StringComparison.Ordinal);
        Assert.Contains("base64", Assert.Throws<KubeconfigException>(() =>
            KubeconfigLoader.Parse(Kubeconfig("server: https://h:1\ncertificate-authority-data: '%%%'", "token: t"), _dir.FullName)).Message, StringComparison.Ordinal);
        Assert.Contains("not found", Assert.Throws<KubeconfigException>(() =>
            KubeconfigLoader.LoadFile(Path.Combine(_dir.FullName, "nope"))).Message, StringComparison.Ordinal);
        Assert.Contains("server", Assert.Throws<KubeconfigException>(() =>
            KubeconfigLoader.Parse(Kubeconfig("server: ''", "token: t"), _dir.FullName)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_cluster_reads_environment_token_ca_and_namespace()
    {
        using var ca = TestCertificates.CreateCa();
        File.WriteAllText(Path.Combine(_dir.FullName, "token"), "sa-token");
        File.WriteAllText(Path.Combine(_dir.FullName, "ca.crt"), TestCertificates.CertificatePem(ca));
        File.WriteAllText(Path.Combine(_dir.FullName, "namespace"), "hikube-system\n");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var config = InClusterConfig.Load(k => env.GetValueOrDefault(k), _dir.FullName);

        Assert.Equal(new Uri("https://10.96.0.1:443"), config.Server);
        Assert.Equal(Path.Combine(_dir.FullName, "token"), config.TokenFile);
        Assert.Null(config.Token);
        Assert.Equal("hikube-system", config.Namespace);
        Assert.Equal(TestCertificates.CertificatePem(ca), config.CertificateAuthorityPem);
    }

    [Fact]
    public void In_cluster_brackets_ipv6_hosts_and_fails_clearly_outside_a_cluster()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "token"), "sa-token");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "fd00::1", ["KUBERNETES_SERVICE_PORT"] = "6443" };

        Assert.Equal("https://[fd00::1]:6443/", InClusterConfig.Load(k => env.GetValueOrDefault(k), _dir.FullName).Server.ToString());
        Assert.Contains("KUBERNETES_SERVICE_HOST", Assert.Throws<KubeconfigException>(() =>
            InClusterConfig.Load(_ => null, _dir.FullName)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_kubeconfig_path_wins()
    {
        var path = Path.Combine(_dir.FullName, "portal.kubeconfig");
        File.WriteAllText(path, Kubeconfig("server: https://portal:6443", "token: t"));

        var config = KubernetesConfig.Resolve(new KubernetesOptions { Kubeconfig = path, Context = "other" });

        Assert.Equal("portal", config.Server.Host);
        Assert.Equal("kubeconfig context other", config.Source);
    }
}
