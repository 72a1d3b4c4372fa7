using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using HikubePortal.Kubernetes.Http;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class TlsValidationTests
{
    [Fact]
    public void A_server_certificate_from_the_configured_ca_is_trusted()
    {
        using var ca = TestCertificates.CreateCa();
        using var leaf = TestCertificates.CreateLeaf(ca, "apiserver.local");

        Assert.True(KubernetesHttpHandler.Validate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, [ca], serverName: null));
    }

    [Fact]
    public void A_certificate_from_another_ca_is_refused_even_if_the_system_would_trust_it()
    {
        using var ca = TestCertificates.CreateCa("ours");
        using var other = TestCertificates.CreateCa("theirs");
        using var leaf = TestCertificates.CreateLeaf(other, "apiserver.local");

        Assert.False(KubernetesHttpHandler.Validate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, [ca], null));
        Assert.False(KubernetesHttpHandler.Validate(leaf, null, SslPolicyErrors.None, [ca], null));
    }

    [Fact]
    public void A_name_mismatch_is_refused_unless_tls_server_name_matches()
    {
        using var ca = TestCertificates.CreateCa();
        using var leaf = TestCertificates.CreateLeaf(ca, "kubernetes");
        const SslPolicyErrors errors = SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors;

        Assert.False(KubernetesHttpHandler.Validate(leaf, null, errors, [ca], null));
        Assert.False(KubernetesHttpHandler.Validate(leaf, null, errors, [ca], "other"));
        Assert.True(KubernetesHttpHandler.Validate(leaf, null, errors, [ca], "kubernetes"));
    }

    [Fact]
    public void Without_a_configured_ca_the_system_verdict_stands()
    {
        using var ca = TestCertificates.CreateCa();
        using var leaf = TestCertificates.CreateLeaf(ca, "h");

        Assert.True(KubernetesHttpHandler.Validate(leaf, null, SslPolicyErrors.None, null, null));
        Assert.False(KubernetesHttpHandler.Validate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, null, null));
        Assert.False(KubernetesHttpHandler.Validate(null, null, SslPolicyErrors.RemoteCertificateNotAvailable, [ca], null));
    }
}
