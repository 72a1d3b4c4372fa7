using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using HikubePortal.Kubernetes.Config;

namespace HikubePortal.Kubernetes.Http;

/// <summary>Builds the socket handler for a config: CA trust, client certificate, insecure mode, multi-group impersonation.</summary>
internal static class KubernetesHttpHandler
{
    public static SocketsHttpHandler Create(KubernetesConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.GZip,
            MaxConnectionsPerServer = 64,
            UseCookies = false,
            PlaintextStreamFilter = (context, _) => ValueTask.FromResult<Stream>(new ImpersonationHeaderStream(context.PlaintextStream)),
        };

        if (config.ClientCertificatePem is not null)
        {
            if (config.ClientKeyPem is null)
            {
                throw new KubeconfigException("a client certificate is configured without its key");
            }
            var certificate = X509Certificate2.CreateFromPem(config.ClientCertificatePem, config.ClientKeyPem);
            handler.SslOptions.ClientCertificates = [certificate];
        }

        X509Certificate2Collection? roots = null;
        if (config.CertificateAuthorityPem is not null)
        {
            roots = [];
            roots.ImportFromPem(config.CertificateAuthorityPem);
            if (roots.Count == 0)
            {
                throw new KubeconfigException("the certificate authority holds no PEM certificate");
            }
        }
        var insecure = config.InsecureSkipTlsVerify;
        var serverName = config.TlsServerName;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            insecure || Validate(certificate, chain, errors, roots, serverName);
        return handler;
    }

    internal static bool Validate(
        X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors,
        X509Certificate2Collection? roots, string? serverName)
    {
        if (errors == SslPolicyErrors.None && roots is null)
        {
            return true;
        }
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0
            && (serverName is null || !leaf.MatchesHostname(serverName)))
        {
            return false;
        }
        if (roots is null)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }
        // Trust exactly the configured CA(s), as kubectl does.
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(leaf);
    }
}
