using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.KubernetesTests;

/// <summary>Kubeconfig forms the portal reads through the library, against the real apiserver.</summary>
public sealed class AuthenticationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kube-auth");

    public void Dispose() => _dir.Delete(recursive: true);

    private k8s.Kubernetes ClientFor(string userYaml, string? context = null, string cluster = "")
    {
        var path = Path.Combine(_dir.FullName, $"config-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: main
            clusters:
            - name: local
              cluster:
                server: {LocalPlatform.Current.KubeServer}
            {(cluster.Length > 0 ? cluster : $"    certificate-authority: {LocalPlatform.Current.KubeCaFile}")}
            users:
            - name: u
              user:
            {userYaml}
            contexts:
            - name: main
              context: {"{"} cluster: local, user: u, namespace: kube-system {"}"}
            """);
        return new k8s.Kubernetes(ClusterConfiguration.Resolve(new KubernetesOptions { Kubeconfig = path, Context = context }));
    }

    [Fact]
    public async Task A_client_certificate_from_a_kubeconfig_authenticates_as_its_common_name()
    {
        var (certificatePem, keyPem) = IssueClientCertificate("hikube-cert-user", "hikube-cert-group");
        using var kube = ClientFor($"""
                client-certificate-data: {Base64(certificatePem)}
                client-key-data: {Base64(keyPem)}
            """);

        var denied = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => new KubernetesSecretSource(kube).GetSecretAsync("kube-system", "anything", default));

        Assert.Contains("User \"hikube-cert-user\"", denied.Message, StringComparison.Ordinal);
        Assert.Contains("namespace \"kube-system\"", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exec_credential_plugin_authenticates_as_the_user_of_its_token()
    {
        var plugin = Path.Combine(_dir.FullName, "plugin.sh");
        await File.WriteAllTextAsync(plugin, $$$"""
            #!/bin/sh
            printf '%s' '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"{{{LocalPlatform.Current.TestTokens[1]}}}"}}'
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        using var kube = ClientFor($"""
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: {plugin}
                  interactiveMode: Never
            """);

        var denied = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => new KubernetesSecretSource(kube).GetSecretAsync("default", "x", default));

        Assert.Contains("User \"hikube-test-2\"", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_refused_and_insecure_skip_accepts_it()
    {
        using var otherCa = CreateCa();
        var token = $"    token: {LocalPlatform.Current.KubeAdminToken}";
        using var strict = ClientFor(token, cluster: $"    certificate-authority-data: {Base64(otherCa.ExportCertificatePem())}");
        using var insecure = ClientFor(token, cluster: "    insecure-skip-tls-verify: true");

        var refused = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => new TestCluster(strict).FindNamespaceAsync("kube-system"));
        var found = await new TestCluster(insecure).FindNamespaceAsync("kube-system");

        Assert.IsType<HttpRequestException>(refused.InnerException);
        Assert.NotNull(found);
    }

    [Fact]
    public async Task An_expired_or_unknown_token_is_Unauthorized_in_words()
    {
        using var kube = ClientFor("    token: not-a-token-the-apiserver-knows");

        var error = await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => new BucketApi(kube).ListAsync("default", null, default));

        Assert.Equal(401, error.StatusCode);
        Assert.StartsWith("list buckets.apps.cozystack.io default: 401 Unauthorized", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-token", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubeconfig_naming_a_missing_context_says_so()
    {
        var error = Assert.Throws<KubeconfigException>(() => ClientFor($"    token: {LocalPlatform.Current.KubeAdminToken}", context: "production"));

        Assert.Equal("it has no context named production", error.Message);
    }

    private static (string CertificatePem, string KeyPem) IssueClientCertificate(string user, string group)
    {
        var pki = Path.Combine(Environment.GetEnvironmentVariable("HIKUBE_PLATFORM_DIR") ?? throw new InvalidOperationException("HIKUBE_PLATFORM_DIR is not set"), "kube", "pki");
        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(pki, "ca.crt"), Path.Combine(pki, "ca.key"));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={user}, O={group}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        // Never before the CA itself: a platform started a minute ago has a CA just as young.
        var notBefore = new[] { DateTimeOffset.UtcNow.AddMinutes(-5), new DateTimeOffset(ca.NotBefore.ToUniversalTime()) }.Max();
        using var issued = request.Create(ca, notBefore, DateTimeOffset.UtcNow.AddHours(1), RandomNumberGenerator.GetBytes(12));
        return (issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static X509Certificate2 CreateCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=not-the-cluster-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
