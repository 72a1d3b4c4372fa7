using Amazon.S3;

namespace HikubePortal.Storage.Clients;

/// <summary>
/// A client borrowed from <see cref="S3ClientCache"/>: while leased it is never disposed, even if
/// evicted meanwhile. Dispose the lease when the request (or the stream it opened) is done.
/// </summary>
internal sealed class ClientLease(S3ClientCache owner, S3ClientCache.Entry entry) : IDisposable
{
    private int _released;

    public IAmazonS3 Client { get; } = entry.Client;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            owner.Release(entry);
        }
    }
}
