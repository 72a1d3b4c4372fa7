using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Tenants;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Versions;

/// <summary>
/// A bucket's versioning and lifecycle rules, for tenant admins: read and changed through S3 with the bucket's
/// read-write user (the platform's Bucket resource has no field for them). A refusal of the platform is told in words
/// and nothing pretends otherwise. Every change is audited and told to the open pages of the bucket.
/// </summary>
public interface IBucketDataService
{
    /// <summary>Versioning and lifecycle as the storage reports them now; each part carries its own problem.</summary>
    Task<BucketDataSettings> GetAsync(string tenant, string bucket, CancellationToken cancellationToken);

    /// <summary>Turns versioning on or suspends it; audited.</summary>
    Task SetVersioningAsync(string tenant, string bucket, VersioningState state, CancellationToken cancellationToken);

    /// <summary>Checks the rules (<see cref="LifecycleRules"/>) and saves them with the rules of other tools kept; audited.</summary>
    Task<BucketLifecycle> SaveLifecycleAsync(string tenant, string bucket, IReadOnlyList<LifecycleRule> rules, CancellationToken cancellationToken);

    /// <summary>Removes every lifecycle rule of the bucket; audited.</summary>
    Task DeleteLifecycleAsync(string tenant, string bucket, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onChange"/> when someone changes the bucket's versioning or lifecycle (role use, checked now).</summary>
    Task<IDisposable> WatchAsync(string tenant, string bucket, Action<BucketDataChange> onChange, CancellationToken cancellationToken);
}

/// <summary>What the storage said of a bucket's versioning and lifecycle; a null part has its problem in words.</summary>
public sealed record BucketDataSettings(
    VersioningState? Versioning,
    string? VersioningProblem,
    BucketLifecycle? Lifecycle,
    string? LifecycleProblem,
    bool CanWrite);

/// <summary>What changed on a bucket, told to its open pages.</summary>
public enum BucketDataChange
{
    Versioning,
    Lifecycle,
    Versions,
}

/// <summary>
/// Changes of versioning, lifecycle and versions, pushed to the open pages of the bucket: on this replica at once, on
/// the others through <see cref="IReplicaNotices"/>, which delivers what they tell back through <see cref="Receive"/>.
/// </summary>
internal sealed partial class BucketDataEvents : IReplicaNoticeReceiver
{
    private readonly Subscribers<(string Tenant, string Bucket), BucketDataChange> _pages;
    private readonly IReplicaNotices _replicas;

    public BucketDataEvents(ILogger<BucketDataEvents> logger, IReplicaNotices replicas)
    {
        _pages = new((ex, key) => LogHandlerFailed(logger, ex, key.Tenant, key.Bucket));
        _replicas = replicas;
    }

    public IDisposable Subscribe(string tenant, string bucket, Action<BucketDataChange> handler) => _pages.Subscribe((tenant, bucket), handler);

    /// <summary>A change made on this replica: its pages, then the other replicas.</summary>
    public void Publish(string tenant, string bucket, BucketDataChange change)
    {
        _pages.Publish((tenant, bucket), change);
        _replicas.Send(new BucketDataNotice(tenant, bucket, change));
    }

    /// <summary>A change another replica made: this replica's pages only.</summary>
    public void Receive(BucketDataNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        _pages.Publish((notice.Tenant, notice.Bucket), notice.Change);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page following bucket {Tenant}/{Bucket} failed on a change")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string tenant, string bucket);
}

internal sealed class BucketDataService(
    ObjectAccessResolver resolver, TenantScopes scopes, IBucketDataStorage storage, IAuditLog audit, BucketDataEvents events) : IBucketDataService
{
    public async Task<BucketDataSettings> GetAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        var resolved = await resolver.ReadAsync(tenant, bucket, cancellationToken, TenantRole.Admin);
        var versioning = await TryAsync(() => storage.GetVersioningAsync(resolved.Access, cancellationToken), "read the versioning of", bucket);
        var lifecycle = await TryAsync(() => storage.GetLifecycleAsync(resolved.Access, cancellationToken), "read the lifecycle rules of", bucket);
        return new BucketDataSettings(versioning.Value, versioning.Problem, lifecycle.Value, lifecycle.Problem, resolved.CanWrite);
    }

    public async Task SetVersioningAsync(string tenant, string bucket, VersioningState state, CancellationToken cancellationToken)
    {
        if (state == VersioningState.Off || !Enum.IsDefined(state))
        {
            throw InvalidException.For("versioning", "Once turned on, versioning can only be suspended: S3 has no way back to off.");
        }
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken, TenantRole.Admin);
        try
        {
            await Refusals.RunAsync(() => storage.SetVersioningAsync(access, state, cancellationToken),
                state == VersioningState.Enabled ? "turn on versioning for" : "suspend versioning of", bucket);
        }
        catch (PortalException)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.BucketVersioningChanged, AuditOutcome.Failure, scopeTenant, bucket, Describe(state)), cancellationToken);
            throw;
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketVersioningChanged, Tenant: scopeTenant, Target: bucket, Detail: Describe(state)), cancellationToken);
        events.Publish(scopeTenant, bucket, BucketDataChange.Versioning);
    }

    public async Task<BucketLifecycle> SaveLifecycleAsync(string tenant, string bucket, IReadOnlyList<LifecycleRule> rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken, TenantRole.Admin);
        var current = await Refusals.RunAsync(() => storage.GetLifecycleAsync(access, cancellationToken), "read the lifecycle rules of", bucket);
        var clean = LifecycleRules.Validate(rules, current.Foreign);
        await Refusals.RunAsync(() => storage.PutLifecycleAsync(access, clean, cancellationToken), "save lifecycle rules for", bucket);
        await EnsureKeptAsync(access, bucket, clean, current, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketLifecycleChanged, Tenant: scopeTenant, Target: bucket,
            Detail: ObjectAudit.Clip(clean.Count == 0 && current.Foreign.Count == 0 ? "rules removed" : $"{Rules(clean.Count)}: {string.Join(", ", clean.Select(r => r.Id))}")), cancellationToken);
        events.Publish(scopeTenant, bucket, BucketDataChange.Lifecycle);
        return new BucketLifecycle(clean, current.Foreign);
    }

    public async Task DeleteLifecycleAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken, TenantRole.Admin);
        await Refusals.RunAsync(() => storage.DeleteLifecycleAsync(access, cancellationToken), "remove the lifecycle rules of", bucket);
        await audit.WriteAsync(new AuditRecord(AuditActions.BucketLifecycleChanged, Tenant: scopeTenant, Target: bucket, Detail: "every rule removed"), cancellationToken);
        events.Publish(scopeTenant, bucket, BucketDataChange.Lifecycle);
    }

    public async Task<IDisposable> WatchAsync(string tenant, string bucket, Action<BucketDataChange> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var scope = await scopes.OpenAsync(tenant, TenantRole.Use, cancellationToken);
        return events.Subscribe(scope.Tenant, bucket, onChange);
    }

    /// <summary>
    /// Some storages (radosgw 16) accept "keep the newest K older versions" and drop it silently: the rule would then
    /// delete every older version. Such a save is undone (the rules before it written back) and refused in words.
    /// </summary>
    private async Task EnsureKeptAsync(BucketAccess access, string bucket, IReadOnlyList<LifecycleRule> saved, BucketLifecycle before, CancellationToken cancellationToken)
    {
        var asked = saved.Where(r => r.KeepNewestNoncurrent is not null).ToList();
        if (asked.Count == 0)
        {
            return;
        }
        var stored = await storage.GetLifecycleAsync(access, cancellationToken);
        var dropped = asked.Where(r => stored.Rules.FirstOrDefault(s => s.Id == r.Id)?.KeepNewestNoncurrent != r.KeepNewestNoncurrent).ToList();
        if (dropped.Count == 0)
        {
            return;
        }
        await storage.PutLifecycleAsync(access, before.Rules, cancellationToken);
        throw InvalidException.For("keep",
            $"The storage of bucket {bucket} does not keep the newest older versions (rule {dropped[0].Id}): it would delete every older version, so the rules were left as they were. Save the rule without that setting if that is what you want.");
    }

    private static string Describe(VersioningState state) => state == VersioningState.Enabled ? "versioning turned on" : "versioning suspended";

    private static string Rules(int count) => count == 1 ? "1 rule" : $"{count} rules";

    private static async Task<(T? Value, string? Problem)> TryAsync<T>(Func<Task<T>> read, string what, string bucket)
        where T : notnull
    {
        try
        {
            return (await Refusals.RunAsync(read, what, bucket), null);
        }
        catch (PortalException ex) when (ex is not NotFoundException)
        {
            return (default, ex.Message);
        }
    }
}

/// <summary>Storage refusals of a data-management call (AccessDenied, not implemented) in the words the page shows.</summary>
internal static class Refusals
{
    public static async Task RunAsync(Func<Task> call, string what, string bucket) =>
        await RunAsync(async () => { await call(); return true; }, what, bucket);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string what, string bucket)
    {
        try
        {
            return await call();
        }
        catch (ForbiddenException ex)
        {
            throw new ForbiddenException($"The platform does not allow the portal to {what} bucket {bucket}: the storage refused it to the bucket's own credentials.", ex);
        }
        catch (InvalidException ex) when (ex.Message == InvalidException.NotOfferedByStorage)
        {
            throw new InvalidException($"The platform does not offer this for bucket {bucket}: the storage answered that it cannot {what} buckets.", ex);
        }
    }
}
