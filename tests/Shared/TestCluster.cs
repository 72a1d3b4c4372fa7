using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using k8s.Models;

namespace HikubePortal.Testing;

/// <summary>
/// A kube-apiserver identity for tests (cluster-admin, the portal's account, a token user): the library's client with
/// the project's Bucket calls and typed errors, and the few core calls tests need for set-up, checks and clean-up.
/// </summary>
public sealed class TestCluster(IKubernetes kube) : IDisposable
{
    public IKubernetes Kube => kube;

    public BucketApi Buckets { get; } = new(kube);

    /// <summary>A client from a kubeconfig file.</summary>
    public static TestCluster FromKubeconfig(string path) =>
        new(new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path)));

    /// <summary>A client of the local platform's apiserver with a bearer token.</summary>
    public static TestCluster WithToken(string server, string caFile, string token) =>
        new(new k8s.Kubernetes(new KubernetesClientConfiguration
        {
            Host = server,
            AccessToken = token,
            SslCaCerts = [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(caFile)],
        }));

    public Task<V1Secret?> FindSecretAsync(string ns, string name, Impersonation? who = null) =>
        new KubernetesSecretSource(kube, who).GetSecretAsync(ns, name, CancellationToken.None);

    public async Task<V1Secret> GetSecretAsync(string ns, string name, Impersonation? who = null) =>
        await FindSecretAsync(ns, name, who) ?? throw new KubernetesNotFoundException($"secret {ns}/{name} not found");

    public Task<V1Secret> CreateSecretAsync(V1Secret secret) =>
        ClusterCall.RunAsync($"create secrets {secret.Metadata.NamespaceProperty}/{secret.Metadata.Name}",
            ct => kube.CoreV1.CreateNamespacedSecretWithHttpMessagesAsync(secret, secret.Metadata.NamespaceProperty, cancellationToken: ct),
            CancellationToken.None, sensitive: true);

    public Task<V1SecretList> ListSecretsAsync(string ns, Impersonation? who = null) =>
        ClusterCall.RunAsync($"list secrets {ns}",
            ct => kube.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(ns, customHeaders: Impersonation.HeadersOf(who), cancellationToken: ct),
            CancellationToken.None, sensitive: true);

    public Task<V1Namespace?> FindNamespaceAsync(string name) =>
        ClusterCall.FindAsync($"get namespaces {name}", ct => kube.CoreV1.ReadNamespaceWithHttpMessagesAsync(name, cancellationToken: ct), CancellationToken.None);

    public async Task<V1Namespace> GetNamespaceAsync(string name) =>
        await FindNamespaceAsync(name) ?? throw new KubernetesNotFoundException($"namespace {name} not found");

    public async Task CreateNamespaceAsync(string name)
    {
        try
        {
            await ClusterCall.RunAsync($"create namespaces {name}",
                ct => kube.CoreV1.CreateNamespaceWithHttpMessagesAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: ct),
                CancellationToken.None);
        }
        catch (KubernetesAlreadyExistsException)
        {
            // there already
        }
    }

    public Task<bool> DeleteNamespaceAsync(string name) =>
        ClusterCall.DeleteAsync($"delete namespaces {name}", ct => kube.CoreV1.DeleteNamespaceWithHttpMessagesAsync(name, cancellationToken: ct), CancellationToken.None);

    public Task<V1RoleBinding> GetRoleBindingAsync(string ns, string name) =>
        ClusterCall.RunAsync($"get rolebindings {ns}/{name}",
            ct => kube.RbacAuthorizationV1.ReadNamespacedRoleBindingWithHttpMessagesAsync(name, ns, cancellationToken: ct), CancellationToken.None);

    public Task<bool> DeleteRoleBindingAsync(string ns, string name) =>
        ClusterCall.DeleteAsync($"delete rolebindings {ns}/{name}",
            ct => kube.RbacAuthorizationV1.DeleteNamespacedRoleBindingWithHttpMessagesAsync(name, ns, cancellationToken: ct), CancellationToken.None);

    public void Dispose() => kube.Dispose();
}
