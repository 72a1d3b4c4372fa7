using Amazon.S3;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HikubePortal.Storage.Clients;

/// <summary>
/// One S3 client per credential, shared by requests: bounded (least recently used evicted first),
/// expiring when idle, disposed on eviction and on shutdown, but never while a lease holds it.
/// </summary>
internal sealed partial class S3ClientCache(
    IOptions<ObjectStorageOptions> options,
    TimeProvider time,
    ILogger<S3ClientCache> logger,
    Func<BucketAccess, IAmazonS3>? factory = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<CredentialId, Entry> _entries = [];
    private readonly Func<BucketAccess, IAmazonS3> _factory = factory ?? (access => S3ClientFactory.Create(access, options.Value));
    private bool _disposed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public ClientLease Rent(BucketAccess access)
    {
        var id = CredentialId.Of(access);
        var retired = new List<Entry>();
        Entry entry;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = time.GetUtcNow();
            RetireIdle(now, retired);
            var created = !_entries.TryGetValue(id, out entry!);
            if (created)
            {
                entry = new Entry(id, _factory(access));
                _entries.Add(id, entry);
                PortalMetrics.CachedClients.Add(1);
                LogCreated(access.BucketName, id.Short);
            }
            entry.Leases++;
            entry.LastUsed = now;
            if (created)
            {
                RetireOverflow(entry, retired);
            }
        }
        DisposeAll(retired);
        return new ClientLease(this, entry);
    }

    internal void Release(Entry entry)
    {
        bool dispose;
        lock (_lock)
        {
            entry.Leases--;
            entry.LastUsed = time.GetUtcNow();
            dispose = entry.Retired && entry.Leases == 0;
        }
        if (dispose)
        {
            DisposeAll([entry]);
        }
    }

    public void Dispose()
    {
        var retired = new List<Entry>();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            foreach (var entry in _entries.Values.ToList())
            {
                Retire(entry, retired);
            }
        }
        DisposeAll(retired);
    }

    private void RetireIdle(DateTimeOffset now, List<Entry> retired)
    {
        var idle = options.Value.ClientIdleTimeout;
        foreach (var entry in _entries.Values.Where(e => e.Leases == 0 && now - e.LastUsed >= idle).ToList())
        {
            Retire(entry, retired);
        }
    }

    private void RetireOverflow(Entry keep, List<Entry> retired)
    {
        var excess = _entries.Count - options.Value.ClientCacheSize;
        var oldestFirst = _entries.Values.Where(e => e != keep).OrderBy(e => e.Leases > 0).ThenBy(e => e.LastUsed);
        foreach (var entry in oldestFirst.Take(Math.Max(0, excess)).ToList())
        {
            Retire(entry, retired);
        }
    }

    private void Retire(Entry entry, List<Entry> retired)
    {
        _entries.Remove(entry.Id);
        entry.Retired = true;
        if (entry.Leases == 0)
        {
            retired.Add(entry);
        }
    }

    private void DisposeAll(List<Entry> entries)
    {
        foreach (var entry in entries)
        {
            entry.Client.Dispose();
            PortalMetrics.CachedClients.Add(-1);
            LogDisposed(entry.Id.Short);
        }
    }

    internal sealed class Entry(CredentialId id, IAmazonS3 client)
    {
        public CredentialId Id { get; } = id;

        public IAmazonS3 Client { get; } = client;

        public int Leases { get; set; }

        public DateTimeOffset LastUsed { get; set; }

        public bool Retired { get; set; }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Created an S3 client for bucket {Bucket} (credential {CredentialId})")]
    private partial void LogCreated(string bucket, string credentialId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Disposed the S3 client of credential {CredentialId}")]
    private partial void LogDisposed(string credentialId);
}
