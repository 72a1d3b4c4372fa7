namespace HikubePortal.Application.Versions;

/// <summary>A change of a bucket's versioning, lifecycle or versions, as the portal's replicas tell each other.</summary>
public sealed record BucketDataNotice(string Tenant, string Bucket, BucketDataChange Change);

/// <summary>
/// Carries bucket data changes to the portal's other replicas, so that their open pages show them too. The Data project
/// implements it on PostgreSQL's LISTEN/NOTIFY; without it a change shows at once only on the replica that made it.
/// </summary>
public interface IReplicaNotices
{
    /// <summary>Tells the other replicas; never throws (a replica that misses it shows the change at its next read).</summary>
    void Send(BucketDataNotice notice);
}

/// <summary>Where a replica delivers the changes the other replicas told it (to its own open pages).</summary>
public interface IReplicaNoticeReceiver
{
    void Receive(BucketDataNotice notice);
}

/// <summary>One replica, or no shared database: nobody else to tell.</summary>
internal sealed class NoReplicaNotices : IReplicaNotices
{
    public void Send(BucketDataNotice notice)
    {
    }
}
