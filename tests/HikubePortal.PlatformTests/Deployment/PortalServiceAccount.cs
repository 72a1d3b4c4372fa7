using HikubePortal.Kubernetes;
using HikubePortal.PlatformTests.KubernetesTests;
using HikubePortal.Testing;
using k8s;
using k8s.Models;

namespace HikubePortal.PlatformTests.Deployment;

/// <summary>
/// A service account of its own (fresh namespace) holding exactly the rules of ClusterRoles rendered from
/// deploy/kubernetes, applied for real under unique names and bound to it; its token from the controller-manager.
/// </summary>
internal sealed class PortalServiceAccount : IAsyncDisposable
{
    private readonly TestCluster _admin = Kube.Admin();
    private readonly List<string> _roles = [];

    private PortalServiceAccount(string ns) => Namespace = ns;

    public string Namespace { get; }

    /// <summary>The account's own client.</summary>
    public TestCluster Client { get; private set; } = null!;

    /// <summary>The user name the apiserver knows the account by.</summary>
    public string User => $"system:serviceaccount:{Namespace}:portal";

    public static async Task<PortalServiceAccount> CreateAsync(params ManifestObject[] clusterRoles)
    {
        var account = new PortalServiceAccount(LocalPlatform.UniqueName("rbacproof"));
        var admin = account._admin.Kube;
        await account._admin.CreateNamespaceAsync(account.Namespace);
        await Run("create serviceaccounts", ct => admin.CoreV1.CreateNamespacedServiceAccountWithHttpMessagesAsync(
            new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "portal", NamespaceProperty = account.Namespace } }, account.Namespace, cancellationToken: ct));
        foreach (var role in clusterRoles)
        {
            var name = $"{role.Name}-{account.Namespace}";
            account._roles.Add(name);
            await Run("create clusterroles", ct => admin.RbacAuthorizationV1.CreateClusterRoleWithHttpMessagesAsync(new V1ClusterRole
            {
                Metadata = new V1ObjectMeta { Name = name },
                Rules = [.. Manifests.Rules(role).Select(Rule)],
            }, cancellationToken: ct));
            await Run("create clusterrolebindings", ct => admin.RbacAuthorizationV1.CreateClusterRoleBindingWithHttpMessagesAsync(new V1ClusterRoleBinding
            {
                Metadata = new V1ObjectMeta { Name = name },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "portal", NamespaceProperty = account.Namespace }],
            }, cancellationToken: ct));
        }
        account.Client = TestCluster.WithToken(LocalPlatform.Current.KubeServer, LocalPlatform.Current.KubeCaFile, await account.TokenAsync());
        return account;
    }

    /// <summary>SelfSubjectAccessReview as the account: may it do this?</summary>
    public async Task<bool> CanAsync(string verb, string group, string resource, string? ns = null, string? name = null, string? subresource = null)
    {
        var review = await Run("create selfsubjectaccessreviews", ct => Client.Kube.AuthorizationV1.CreateSelfSubjectAccessReviewWithHttpMessagesAsync(new V1SelfSubjectAccessReview
        {
            Spec = new V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Group = group, Resource = resource, NamespaceProperty = ns, Name = name, Subresource = subresource },
            },
        }, cancellationToken: ct));
        return review.Status?.Allowed == true;
    }

    private static V1PolicyRule Rule(Dictionary<string, string[]> rule) => new()
    {
        ApiGroups = rule.GetValueOrDefault("apiGroups"),
        Resources = rule.GetValueOrDefault("resources"),
        Verbs = rule.GetValueOrDefault("verbs") ?? [],
        ResourceNames = rule.GetValueOrDefault("resourceNames"),
        NonResourceURLs = rule.GetValueOrDefault("nonResourceURLs"),
    };

    private static Task<T> Run<T>(string what, Func<CancellationToken, Task<k8s.Autorest.HttpOperationResponse<T>>> call) =>
        ClusterCall.RunAsync(what, call, CancellationToken.None);

    private async Task<string> TokenAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            foreach (var secret in (await _admin.ListSecretsAsync(Namespace)).Items)
            {
                if (secret.Type == "kubernetes.io/service-account-token" && secret.Data?.TryGetValue("token", out var token) == true && token.Length > 0)
                {
                    return System.Text.Encoding.UTF8.GetString(token);
                }
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"no token Secret for {User} after 30 s (is the controller-manager running?)");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var role in _roles)
            {
                await ClusterCall.DeleteAsync("delete clusterrolebindings", ct => _admin.Kube.RbacAuthorizationV1.DeleteClusterRoleBindingWithHttpMessagesAsync(role, cancellationToken: ct), default);
                await ClusterCall.DeleteAsync("delete clusterroles", ct => _admin.Kube.RbacAuthorizationV1.DeleteClusterRoleWithHttpMessagesAsync(role, cancellationToken: ct), default);
            }
            await _admin.DeleteNamespaceAsync(Namespace);
        }
        finally
        {
            Client?.Dispose();
            _admin.Dispose();
        }
    }
}
