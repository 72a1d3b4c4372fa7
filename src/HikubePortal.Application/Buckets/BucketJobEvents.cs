using HikubePortal.Application.Common;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// Progress of bucket jobs, pushed in-process from the runner to the pages that follow them (one replica: a page
/// served by another replica than the one running the job does not hear of it here, see
/// <see cref="IBucketJobService.FollowAsync"/>).
/// </summary>
internal sealed partial class BucketJobEvents
{
    private readonly Subscribers<Guid, BucketJobView> _followers;

    public BucketJobEvents(ILogger<BucketJobEvents> logger) =>
        _followers = new((ex, id) => LogFollowerFailed(logger, ex, id));

    /// <summary>Calls <paramref name="handler"/> with every change of job <paramref name="id"/> until disposed.</summary>
    public IDisposable Subscribe(Guid id, Action<BucketJobView> handler) => _followers.Subscribe(id, handler);

    /// <summary>Tells the followers of <paramref name="job"/> where it is now; never throws.</summary>
    public void Publish(BucketJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (_followers.Any(job.Id))
        {
            _followers.Publish(job.Id, BucketJobView.From(job));
        }
    }

    internal int FollowerCount(Guid id) => _followers.Count(id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A follower of bucket job {JobId} failed")]
    private static partial void LogFollowerFailed(ILogger logger, Exception exception, Guid jobId);
}
