using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;

namespace HikubePortal.ComponentTests.Versions;

/// <summary>A bucket's versioning and lifecycle held in memory, with a refusal to throw and changes told to watchers.</summary>
internal sealed class FakeBucketData : IBucketDataService
{
    private readonly List<Action<BucketDataChange>> _watchers = [];

    public VersioningState Versioning { get; set; } = VersioningState.Off;

    public List<LifecycleRule> Rules { get; } = [];

    public List<ForeignLifecycleRule> Foreign { get; } = [];

    /// <summary>Thrown by the next change (then cleared), as the platform refusing it.</summary>
    public PortalException? Refusal { get; set; }

    public bool CanWrite { get; set; } = true;

    public int Reads { get; private set; }

    public Task<BucketDataSettings> GetAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(new BucketDataSettings(Versioning, null, new BucketLifecycle([.. Rules], [.. Foreign]), null, CanWrite));
    }

    public Task SetVersioningAsync(string tenant, string bucket, VersioningState state, CancellationToken cancellationToken)
    {
        Refuse();
        Versioning = state;
        return Task.CompletedTask;
    }

    public Task<BucketLifecycle> SaveLifecycleAsync(string tenant, string bucket, IReadOnlyList<LifecycleRule> rules, CancellationToken cancellationToken)
    {
        Refuse();
        var clean = LifecycleRules.Validate(rules, Foreign);
        Rules.Clear();
        Rules.AddRange(clean);
        return Task.FromResult(new BucketLifecycle(clean, [.. Foreign]));
    }

    public Task DeleteLifecycleAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        Refuse();
        Rules.Clear();
        Foreign.Clear();
        return Task.CompletedTask;
    }

    public Task<IDisposable> WatchAsync(string tenant, string bucket, Action<BucketDataChange> onChange, CancellationToken cancellationToken)
    {
        _watchers.Add(onChange);
        return Task.FromResult<IDisposable>(new Unwatch(() => _watchers.Remove(onChange)));
    }

    /// <summary>Another page changed something: tells the watchers, as the service does.</summary>
    public void Tell(BucketDataChange change)
    {
        foreach (var watcher in _watchers.ToList())
        {
            watcher(change);
        }
    }

    private void Refuse()
    {
        if (Refusal is { } refusal)
        {
            Refusal = null;
            throw refusal;
        }
    }

    private sealed class Unwatch(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }
}

/// <summary>The versions of a folder held in memory; restores, deletes and undeletes recorded.</summary>
internal sealed class FakeObjectVersions : IObjectVersions
{
    public List<ObjectVersionEntry> Versions { get; } = [];

    public List<string> Calls { get; } = [];

    public Task<ObjectVersionFolder> ListAsync(string tenant, string bucket, ObjectListQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new ObjectVersionFolder(new ObjectVersionPage(query.Prefix, query.Search, query.PageSize, [], [.. Versions], null), true));

    public Task<IReadOnlyList<ObjectVersionEntry>> ListObjectAsync(string tenant, string bucket, string key, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ObjectVersionEntry>>([.. Versions.Where(v => v.Key == key)]);

    public Task<ObjectContent> OpenReadAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<StoredObject> RestoreAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        Calls.Add($"restore {key} {versionId}");
        return Task.FromResult(new StoredObject(key, "etag", 1));
    }

    public Task DeleteAsync(string tenant, string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        Calls.Add($"delete {key} {versionId}");
        Versions.RemoveAll(v => v.Key == key && v.VersionId == versionId);
        return Task.CompletedTask;
    }

    public Task UndeleteAsync(string tenant, string bucket, string key, CancellationToken cancellationToken)
    {
        Calls.Add($"undelete {key}");
        return Task.CompletedTask;
    }
}
