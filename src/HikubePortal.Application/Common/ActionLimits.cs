using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using HikubePortal.Application.Identity;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Common;

/// <summary>The actions that hand out access to a bucket, limited in number per user and per client address.</summary>
public enum LimitedAction
{
    /// <summary>A bucket user's secret key shown or downloaded as a file.</summary>
    CredentialReveal,

    /// <summary>A share link made for an object.</summary>
    ShareLink,
}

/// <summary>
/// How many of each <see cref="LimitedAction"/> one user, and one client address, may take per <see cref="Window"/>
/// (section <c>ActionLimits</c>). The defaults are far above what a person does by hand and far below what a script
/// harvesting credentials or links would need.
/// </summary>
public sealed class ActionLimitOptions
{
    public const string Section = "ActionLimits";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 100_000)]
    public int CredentialRevealsPerUser { get; set; } = 30;

    [Range(1, 100_000)]
    public int CredentialRevealsPerAddress { get; set; } = 60;

    [Range(1, 100_000)]
    public int ShareLinksPerUser { get; set; } = 60;

    [Range(1, 100_000)]
    public int ShareLinksPerAddress { get; set; } = 120;
}

/// <summary>
/// Counts the <see cref="LimitedAction"/>s of every caller in fixed windows, by user and by client address at once
/// (the framework's partitioned limiters, chained): the per-address count stops one machine using many accounts, the
/// per-user count one account used from many machines. Interactive pages have no HTTP request per action, so the
/// services ask here themselves, after the caller's role was checked (a refused call costs nothing).
/// </summary>
public sealed class ActionLimits : IDisposable
{
    private readonly ActionLimitOptions _options;
    private readonly PartitionedRateLimiter<Attempt> _limiter;

    public ActionLimits(IOptions<ActionLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<Attempt, (LimitedAction, string)>(a => Window((a.Action, "user:" + a.User), Limit(a.Action, perUser: true))),
            // An unknown address (no network connection: a command-line verb) is no one's shared bucket.
            PartitionedRateLimiter.Create<Attempt, (LimitedAction, string)>(a => a.Address.Length == 0
                ? RateLimitPartition.GetNoLimiter((a.Action, ""))
                : Window((a.Action, "address:" + a.Address), Limit(a.Action, perUser: false))));
    }

    /// <summary>Takes one <paramref name="action"/> for <paramref name="caller"/>, or refuses with the time to wait.</summary>
    /// <exception cref="TooManyRequestsException">The caller's user or address used up its window.</exception>
    public void Take(LimitedAction action, ICurrentUser caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        using var lease = _limiter.AttemptAcquire(new Attempt(action, caller.Id?.ToString() ?? caller.Email ?? "", caller.RemoteAddress ?? ""));
        if (lease.IsAcquired)
        {
            return;
        }
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _options.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        throw new TooManyRequestsException(action switch
        {
            LimitedAction.CredentialReveal => $"Credentials were shown too many times in a short while: try again in {seconds} s.",
            _ => $"Too many share links were made in a short while: try again in {seconds} s.",
        }, wait);
    }

    public void Dispose() => _limiter.Dispose();

    private int Limit(LimitedAction action, bool perUser) => action switch
    {
        LimitedAction.CredentialReveal => perUser ? _options.CredentialRevealsPerUser : _options.CredentialRevealsPerAddress,
        _ => perUser ? _options.ShareLinksPerUser : _options.ShareLinksPerAddress,
    };

    private RateLimitPartition<(LimitedAction, string)> Window((LimitedAction, string) key, int limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = _options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private readonly record struct Attempt(LimitedAction Action, string User, string Address);
}
