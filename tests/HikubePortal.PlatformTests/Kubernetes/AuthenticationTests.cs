using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Config;
using HikubePortal.Kubernetes.Models;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.KubernetesTests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task A_client_certificate_from_a_kubeconfig_authenticates_as_its_common_name()
    {
        var (certificatePem, keyPem) = IssueClientCertificate("hikube-cert-user", "hikube-cert-group");
        var yaml = $"""
            apiVersion: v1
            kind: Config
            current-context: cert
            clusters:
            - name: local
              cluster:
                server: {LocalPlatform.Current.KubeServer}
                certificate-authority: {LocalPlatform.Current.KubeCaFile}
            users:
            - name: cert-user
              user:
                client-certificate-data: {Base64(certificatePem)}
                client-key-data: {Base64(keyPem)}
            contexts:
            - name: cert
              context:
                cluster: local
                user: cert-user
                namespace: kube-system
            """;
        using var client = new KubernetesClient(KubernetesConfig.FromKubeconfigYaml(yaml));

        var denied = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.GetAsync<Secret>(ResourceType.Secrets, null, "anything"));

        Assert.Contains("User \"hikube-cert-user\"", denied.Message, StringComparison.Ordinal);
        Assert.Contains("namespace \"kube-system\"", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_refused_and_insecure_skip_accepts_it()
    {
        using var otherCa = CreateCa();
        var strict = new KubernetesConfig
        {
            Server = new Uri(LocalPlatform.Current.KubeServer),
            Token = LocalPlatform.Current.KubeAdminToken,
            CertificateAuthorityPem = otherCa.ExportCertificatePem(),
        };
        using var strictClient = new KubernetesClient(strict);
        using var insecureClient = new KubernetesClient(strict with { CertificateAuthorityPem = null, InsecureSkipTlsVerify = true });

        var refused = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => strictClient.ListAsync<Namespace>(ResourceType.Namespaces, null));
        var list = await insecureClient.ListAsync<Namespace>(ResourceType.Namespaces, null);

        Assert.IsType<HttpRequestException>(refused.InnerException);
        Assert.Contains(list.Items, n => n.Metadata.Name == "kube-system");
    }

    [Fact]
    public async Task A_rotated_token_file_is_picked_up_on_the_next_call()
    {
        var dir = Directory.CreateTempSubdirectory("kube-token");
        try
        {
            var tokenFile = Path.Combine(dir.FullName, "token");
            await File.WriteAllTextAsync(tokenFile, "expired-token");
            using var client = new KubernetesClient(new KubernetesConfig
            {
                Server = new Uri(LocalPlatform.Current.KubeServer),
                CertificateAuthorityPem = await File.ReadAllTextAsync(LocalPlatform.Current.KubeCaFile),
                TokenFile = tokenFile,
            });
            await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => client.GetAsync<Secret>(ResourceType.Secrets, "default", "x"));

            await File.WriteAllTextAsync(tokenFile, LocalPlatform.Current.TestTokens[1] + "\n"); // the kubelet rotated it
            var denied = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => client.GetAsync<Secret>(ResourceType.Secrets, "default", "x"));

            Assert.Contains("User \"hikube-test-2\"", denied.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
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
