using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials.Snippets;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Credentials;

internal sealed class CredentialService(
    BucketApi buckets, IKubernetes kube, TenantScopes scopes, IAuditLog audit, IOptions<BucketsOptions> options, ActionLimits limits, ICurrentUser caller) : ICredentialService
{
    public async Task<IReadOnlyList<UserAccessView>> ListAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Use, cancellationToken);
        var resource = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        var views = new List<UserAccessView>();
        foreach (var (user, readOnly) in Users(resource))
        {
            var result = await ReadAsync(kube, scope, options.Value.EndpointScheme, bucket, user, cancellationToken);
            views.Add(View(user, readOnly, result));
        }
        return views;
    }

    public async Task<RevealedAccess> RevealAsync(string tenant, string bucket, string user, CancellationToken cancellationToken)
    {
        var (scope, revealed) = await RevealCoreAsync(tenant, bucket, user, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.CredentialRevealed, Tenant: scope.Tenant, Target: BucketAudit.Target(bucket, user), Detail: "secret key shown"), cancellationToken);
        return revealed;
    }

    public async Task<CredentialFile> DownloadAsync(string tenant, string bucket, string user, CredentialFileFormat format, CancellationToken cancellationToken)
    {
        var (scope, revealed) = await RevealCoreAsync(tenant, bucket, user, cancellationToken);
        var name = revealed.Connection.Name;
        var file = format == CredentialFileFormat.Json
            ? new CredentialFile($"{name}.json", "application/json", ConnectionSnippets.JsonDocument(revealed.Connection))
            : new CredentialFile($"{name}.env", "text/plain", ConnectionSnippets.DotEnv(revealed.Connection));
        await audit.WriteAsync(new AuditRecord(AuditActions.CredentialRevealed, Tenant: scope.Tenant, Target: BucketAudit.Target(bucket, user),
            Detail: format == CredentialFileFormat.Json ? "downloaded as JSON" : "downloaded as .env"), cancellationToken);
        return file;
    }

    public async Task<BucketAccess?> StorageAccessAsync(string tenant, string bucket, bool write, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Use, cancellationToken);
        var resource = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        return await StorageAccessAsync(kube, scope, options.Value.EndpointScheme, resource, write, cancellationToken);
    }

    /// <summary>The first issued credentials that fit: read-write for writes; read-only first for reads.</summary>
    internal static async Task<BucketAccess?> StorageAccessAsync(IKubernetes kube, TenantScope scope, string scheme, Bucket bucket, bool write, CancellationToken cancellationToken)
    {
        var candidates = Users(bucket)
            .Where(u => !write || !u.ReadOnly)
            .OrderBy(u => write || u.ReadOnly ? 0 : 1)
            .ThenBy(u => u.User, StringComparer.Ordinal);
        foreach (var (user, readOnly) in candidates)
        {
            var result = await ReadAsync(kube, scope, scheme, bucket.Name, user, cancellationToken);
            if (result is { IsIssued: true, Credentials: { } c })
            {
                return BucketAccess.From(c, readOnly);
            }
        }
        return null;
    }

    private async Task<(TenantScope Scope, RevealedAccess Revealed)> RevealCoreAsync(string tenant, string bucket, string user, CancellationToken cancellationToken)
    {
        var scope = await scopes.OpenAsync(tenant, TenantRole.Use, cancellationToken);
        var resource = await BucketService.GetBucketAsync(buckets, scope, bucket, cancellationToken);
        var entry = Users(resource).FirstOrDefault(u => u.User == user);
        if (entry.User is null)
        {
            throw new NotFoundException($"Bucket {bucket} has no user {user}.");
        }
        limits.Take(LimitedAction.CredentialReveal, caller);
        BucketCredentialsResult result;
        try
        {
            result = await ReadAsync(kube, scope, options.Value.EndpointScheme, bucket, user, cancellationToken);
        }
        catch (ForbiddenException)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.CredentialRevealed, AuditOutcome.Denied, scope.Tenant, BucketAudit.Target(bucket, user), "refused by the cluster"), cancellationToken);
            throw;
        }
        return result switch
        {
            { IsIssued: true, Credentials: { } c } => (scope, new RevealedAccess(user, entry.ReadOnly,
                new ConnectionDetails(CredentialNames.Profile(bucket, user), c.Endpoint, c.Region, c.BucketName, c.AccessKey, c.SecretKey))),
            { Outcome: CredentialsOutcome.Malformed } => throw new ConflictException($"The credentials of {DisplayUser(user)} cannot be read: {result.Problem}."),
            _ => throw new ConflictException($"The credentials of {DisplayUser(user)} are not issued yet; the platform writes them once the bucket is ready."),
        };
    }

    /// <summary>The spec's users; for platforms before users existed, one bucket-wide entry with an empty name.</summary>
    private static IEnumerable<(string User, bool ReadOnly)> Users(Bucket bucket) =>
        bucket.Users.Count == 0 && bucket.Spec?.Users is null
            ? [(string.Empty, false)]
            : bucket.Users.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => (u.Key, u.Value?.Readonly ?? false));

    private static Task<BucketCredentialsResult> ReadAsync(IKubernetes kube, TenantScope scope, string scheme, string bucket, string user, CancellationToken cancellationToken) =>
        ClusterErrors.RunAsync(scope, bucket, () => BucketCredentialsReader.ReadAsync(
            new EndpointSchemeSecretSource(new KubernetesSecretSource(kube, scope.As), scheme), scope.Namespace, bucket, user.Length == 0 ? null : user, cancellationToken));

    private static UserAccessView View(string user, bool readOnly, BucketCredentialsResult result) => result switch
    {
        { IsIssued: true, Credentials: { } c } => new UserAccessView(user, readOnly, CredentialsOutcome.Issued, c.AccessKey, c.Endpoint, c.Region, c.BucketName),
        { Outcome: CredentialsOutcome.Malformed } => new UserAccessView(user, readOnly, CredentialsOutcome.Malformed, Problem: result.Problem),
        _ => new UserAccessView(user, readOnly, CredentialsOutcome.NotIssuedYet),
    };

    private static string DisplayUser(string user) => user.Length == 0 ? "this bucket" : $"user {user}";
}
