using System.Text.Json;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Models;
using HikubePortal.PlatformTests.KubernetesTests;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.Deployment;

/// <summary>
/// A service account of its own (fresh namespace) holding exactly the rules of ClusterRoles rendered from
/// deploy/kubernetes, applied for real under unique names and bound to it; its token from the controller-manager.
/// </summary>
internal sealed class PortalServiceAccount : IAsyncDisposable
{
    private static readonly ResourceType ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles", false, "ClusterRole");
    private static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", true, "ServiceAccount");
    private static readonly ResourceType AccessReviews = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", false, "SelfSubjectAccessReview");

    private static readonly JsonSerializerOptions WithoutNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly KubernetesClient _admin = Kube.Admin();
    private readonly List<string> _roles = [];

    private PortalServiceAccount(string ns) => Namespace = ns;

    public string Namespace { get; }

    public KubernetesClient Client { get; private set; } = null!;

    /// <summary>The user name the apiserver knows the account by.</summary>
    public string User => $"system:serviceaccount:{Namespace}:portal";

    public static async Task<PortalServiceAccount> CreateAsync(params ManifestObject[] clusterRoles)
    {
        var account = new PortalServiceAccount(LocalPlatform.UniqueName("rbacproof"));
        var admin = account._admin;
        await admin.CreateAsync(ResourceType.Namespaces, null, HikubePortal.Kubernetes.Models.Namespace.Named(account.Namespace));
        await admin.CreateAsync(ServiceAccounts, account.Namespace, new GenericObject
        {
            ApiVersion = "v1", Kind = "ServiceAccount", Metadata = new ObjectMeta { Name = "portal", Namespace = account.Namespace },
        });
        foreach (var role in clusterRoles)
        {
            var name = $"{role.Name}-{account.Namespace}";
            account._roles.Add(name);
            await admin.CreateAsync(ClusterRoles, null, new GenericObject
            {
                ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRole", Metadata = new ObjectMeta { Name = name },
                Fields = new Dictionary<string, JsonElement> { ["rules"] = JsonSerializer.SerializeToElement(Manifests.Rules(role)) },
            });
            await admin.CreateAsync(ResourceType.ClusterRoleBindings, null, new GenericObject
            {
                ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRoleBinding", Metadata = new ObjectMeta { Name = name },
                Fields = new Dictionary<string, JsonElement>
                {
                    ["roleRef"] = JsonSerializer.SerializeToElement(new { apiGroup = "rbac.authorization.k8s.io", kind = "ClusterRole", name }),
                    ["subjects"] = JsonSerializer.SerializeToElement(new[] { new { kind = "ServiceAccount", name = "portal", @namespace = account.Namespace } }),
                },
            });
        }
        account.Client = new KubernetesClient(admin.Config with { Token = await account.TokenAsync(), Namespace = account.Namespace });
        return account;
    }

    /// <summary>SelfSubjectAccessReview as the account: may it do this?</summary>
    public async Task<bool> CanAsync(string verb, string group, string resource, string? ns = null, string? name = null, string? subresource = null)
    {
        var review = await Client.CreateAsync(AccessReviews, null, new GenericObject
        {
            ApiVersion = "authorization.k8s.io/v1", Kind = "SelfSubjectAccessReview",
            Fields = new Dictionary<string, JsonElement>
            {
                ["spec"] = JsonSerializer.SerializeToElement(new
                {
                    resourceAttributes = new { verb, group, resource, @namespace = ns, name, subresource },
                }, WithoutNulls),
            },
        });
        return review.Fields!["status"].TryGetProperty("allowed", out var allowed) && allowed.GetBoolean();
    }

    private async Task<string> TokenAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            await foreach (var secret in _admin.ListAllAsync<Secret>(ResourceType.Secrets, Namespace))
            {
                if (secret.Type == "kubernetes.io/service-account-token" && secret.GetString("token") is { Length: > 0 } token)
                {
                    return token;
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
                await _admin.DeleteIfExistsAsync(ResourceType.ClusterRoleBindings, null, role);
                await _admin.DeleteIfExistsAsync(ClusterRoles, null, role);
            }
            await _admin.DeleteIfExistsAsync(ResourceType.Namespaces, null, Namespace);
        }
        finally
        {
            Client?.Dispose();
            _admin.Dispose();
        }
    }
}
