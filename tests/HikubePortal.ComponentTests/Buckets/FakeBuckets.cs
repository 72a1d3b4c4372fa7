using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>
/// The tenant's buckets in memory, behind <see cref="IBucketService"/> and <see cref="IBucketUpdates"/>: a test changes
/// them and calls <see cref="ChangeAsync"/>, as the watch cache would after a change on the cluster.
/// </summary>
internal sealed class FakeBuckets : IBucketService, IBucketUpdates
{
    private readonly List<(string Tenant, Func<Task> Changed)> _listeners = [];

    /// <summary>The buckets of each tenant.</summary>
    public Dictionary<string, List<BucketSummary>> Tenants { get; } = new(StringComparer.Ordinal) { ["acme"] = [] };

    /// <summary>The buckets of tenant <c>acme</c>.</summary>
    public List<BucketSummary> Buckets => Tenants["acme"];

    /// <summary>Set while the cache cannot follow the cluster.</summary>
    public DateTimeOffset? PausedSince { get; set; }

    /// <summary>What the list calls fail with, when set.</summary>
    public PortalException? ListFailure { get; set; }

    public List<BucketListQuery> Queries { get; } = [];

    public int Subscribers => _listeners.Count;

    /// <summary>The tenants of the open subscriptions.</summary>
    public IReadOnlyList<string> SubscribedTenants => [.. _listeners.Select(l => l.Tenant)];

    public long? SeenRevision { get; private set; }

    public Func<string, BucketNameCheck> NameCheck { get; set; } = name => new BucketNameCheck(name, null, true);

    public List<string?> CheckedNames { get; } = [];

    public Func<NewBucket, BucketDetails>? Create { get; set; }

    public List<NewBucket> Created { get; } = [];

    public static BucketSummary Bucket(string name, BucketPhase phase = BucketPhase.Ready, string? reason = null, long? size = null,
        bool locking = false, params (string Name, bool ReadOnly)[] users) =>
        new(name, new BucketState(phase, reason), [.. (users.Length == 0 ? [("admin", false)] : users).Select(u => new BucketUserView(u.Name, u.ReadOnly))],
            locking, null, Infrastructure.PortalTestContext.Now.AddMinutes(-5), size);

    /// <summary>Tells every open page that something changed.</summary>
    public async Task ChangeAsync()
    {
        foreach (var listener in _listeners.ToList())
        {
            await listener.Changed();
        }
    }

    public Task<BucketListPage> ListAsync(string tenant, BucketListQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return ListFailure is { } failure
            ? Task.FromException<BucketListPage>(failure)
            : Task.FromResult(BucketListing.Apply([.. Tenants.GetValueOrDefault(tenant) ?? []], query) with { PausedSince = PausedSince, Revision = 7 });
    }

    public Task<IDisposable> SubscribeAsync(string tenant, string? bucket, long? seenRevision, Func<Task> changed, CancellationToken cancellationToken)
    {
        SeenRevision = seenRevision;
        var listener = (tenant, changed);
        _listeners.Add(listener);
        return Task.FromResult<IDisposable>(new Unsubscribe(() => _listeners.Remove(listener)));
    }

    public Task<BucketNameCheck> CheckNameAsync(string tenant, string? name, CancellationToken cancellationToken)
    {
        CheckedNames.Add(name);
        return Task.FromResult(NameCheck(name ?? string.Empty));
    }

    public Task<BucketDetails> CreateAsync(string tenant, NewBucket bucket, CancellationToken cancellationToken)
    {
        Created.Add(bucket);
        return Task.FromResult(Create is null
            ? new BucketDetails(new BucketSummary(bucket.Name, new BucketState(BucketPhase.Provisioning), bucket.Users, bucket.Locking, bucket.StoragePool, null),
                $"tenant-{tenant}", null, 1, null, null, [])
            : Create(bucket));
    }

    public Task<BucketDetails> GetAsync(string tenant, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<BucketDeletion> DeleteAsync(string tenant, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
