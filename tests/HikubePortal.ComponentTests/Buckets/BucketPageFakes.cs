using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>The application services the bucket page uses, faked: what they were asked, and answers a test sets.</summary>
internal sealed class FakeBucketServices : IBucketService, ICredentialService, IBucketUpdates, IBucketJobService, IBucketUserService, IBucketUsageService, IBucketActivityService
{
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public static readonly Uri Endpoint = new("https://s3.example.org");

    public BucketDetails? Bucket { get; set; } = Details("backups", new BucketState(BucketPhase.Ready));

    public List<UserAccessView> Users { get; } = [new("admin", false, CredentialsOutcome.Issued, AccessKey, Endpoint, "us-east-1", "bucket-1234")];

    public int Reveals { get; private set; }

    public List<string> Calls { get; } = [];

    public Func<Task>? Changed { get; private set; }

    /// <summary>Runs as the page subscribes (a change the cluster makes meanwhile, with no signal).</summary>
    public Action? OnSubscribe { get; set; }

    public Action<BucketJobView>? Progress { get; private set; }

    public BucketUsage Usage { get; set; } = new(10, 4096, 0, Complete: true);

    public static BucketDetails Details(string name, BucketState state, params Condition[] conditions) => new(
        new BucketSummary(name, state, [new BucketUserView("admin", false)], false, null, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
        "tenant-acme", "uid-1", 1, null, null, conditions);

    public static BucketJobView Job(BucketJobState state, long deleted) =>
        new(Guid.Parse("11111111-1111-1111-1111-111111111111"), BucketJobKind.EmptyAndDelete, [], "backups", state, deleted, 0, 10, true,
            state == BucketJobState.Running ? "Deleting objects." : null, "ana@example.com", new DateTimeOffset(2026, 12, 6, 11, 59, 0, TimeSpan.Zero), default, null);

    public Task<BucketDetails> GetAsync(string tenant, string name, CancellationToken cancellationToken) =>
        Bucket is { } bucket ? Task.FromResult(bucket) : throw new NotFoundException($"Bucket {name} does not exist in tenant-{tenant}.");

    /// <summary>While set, reading the users waits for it (a slow Secret read), then answers with the users of then.</summary>
    public Task? UsersGate { get; set; }

    public async Task<IReadOnlyList<UserAccessView>> ListAsync(string tenant, string bucket, CancellationToken cancellationToken)
    {
        if (UsersGate is { } gate)
        {
            await gate;
        }
        return [.. Users];
    }

    public Task<RevealedAccess> RevealAsync(string tenant, string bucket, string user, CancellationToken cancellationToken)
    {
        Reveals++;
        return Task.FromResult(new RevealedAccess(user, false, new ConnectionDetails($"hikube-{bucket}-{user}", Endpoint, "us-east-1", "bucket-1234", AccessKey, Secret)));
    }

    public Task<CredentialFile> DownloadAsync(string tenant, string bucket, string user, CredentialFileFormat format, CancellationToken cancellationToken)
    {
        Calls.Add($"download {user} {format}");
        return Task.FromResult(new CredentialFile("hikube-backups-admin.env", "text/plain", $"AWS_SECRET_ACCESS_KEY=\"{Secret}\"\n"));
    }

    public Task<Application.Objects.BucketAccess?> StorageAccessAsync(string tenant, string bucket, bool write, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IDisposable> SubscribeAsync(string tenant, string? bucket, long? seenRevision, Func<Task> changed, CancellationToken cancellationToken)
    {
        Changed = changed;
        OnSubscribe?.Invoke();
        return Task.FromResult<IDisposable>(new Unsubscribe(() => Changed = null));
    }

    public Task<BucketJobView?> LatestAsync(string tenant, string bucket, CancellationToken cancellationToken) => Task.FromResult<BucketJobView?>(null);

    public Task<BucketJobView> StartEmptyAndDeleteAsync(string tenant, string bucket, BucketUsage? estimate, CancellationToken cancellationToken)
    {
        Calls.Add($"empty-and-delete {bucket} ({estimate?.Objects})");
        return Task.FromResult(Job(BucketJobState.Queued, 0));
    }

    public Task<IDisposable> FollowAsync(string tenant, string bucket, Guid id, Action<BucketJobView> progress, CancellationToken cancellationToken)
    {
        Progress = progress;
        return Task.FromResult<IDisposable>(new Unsubscribe(() => Progress = null));
    }

    public Task<BucketJobView> StartDeleteFoldersAsync(string tenant, string bucket, IReadOnlyList<string> prefixes, BucketUsage? estimate, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<BucketJobView?> GetFolderJobAsync(string tenant, string bucket, Guid id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<BucketListPage> ListAsync(string tenant, BucketListQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<BucketNameCheck> CheckNameAsync(string tenant, string? name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<BucketDetails> CreateAsync(string tenant, NewBucket bucket, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<BucketDeletion> DeleteAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        Calls.Add($"delete {name}");
        return Task.FromResult(BucketDeletion.Requested);
    }

    public Task AddAsync(string tenant, string bucket, string user, bool readOnlyAccess, CancellationToken cancellationToken) => Record($"add {user} {(readOnlyAccess ? "read-only" : "read-write")}");

    public Task RemoveAsync(string tenant, string bucket, string user, CancellationToken cancellationToken) => Record($"remove {user}");

    public Task SetReadOnlyAsync(string tenant, string bucket, string user, bool readOnlyAccess, CancellationToken cancellationToken) => Record($"read-only {user} {readOnlyAccess}");

    public Task RotateAsync(string tenant, string bucket, string user, CancellationToken cancellationToken) => Record($"rotate {user}");

    public Task<BucketUsage> MeasureAsync(string tenant, string bucket, CancellationToken cancellationToken) => Task.FromResult(Usage);

    public Task<BucketActivityPage> ListAsync(string tenant, string bucket, int skip, int take, CancellationToken cancellationToken)
    {
        Calls.Add($"activity {skip}");
        return Task.FromResult(new BucketActivityPage(
            [new AuditEntryView(1, new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero), AuditActions.CredentialRevealed, AuditOutcome.Success, "ana@example.com", tenant, $"{bucket}/admin", "secret key shown", null)],
            HasMore: false));
    }

    private Task Record(string call)
    {
        Calls.Add(call);
        return Task.CompletedTask;
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
