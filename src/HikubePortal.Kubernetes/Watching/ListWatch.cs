using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Kubernetes.Watching;

/// <summary>Settings of one <see cref="ListWatch{T}"/>.</summary>
public sealed record ListWatchOptions
{
    /// <summary>Only objects with these labels (e.g. <c>app=x,tier!=db</c>).</summary>
    public string? LabelSelector { get; init; }

    /// <summary>List and watch as this identity (null: the portal's own account).</summary>
    public Impersonation? Impersonate { get; init; }

    /// <summary>How long the server keeps one watch request open; the loop then watches again from where it was.</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failure; it doubles up to <see cref="MaxBackoff"/> and starts over after a success.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The informer the library does not have, on its watch: list every object (pages of 500), report them, then watch
/// from the list's resourceVersion with bookmarks; a watch the server ends is resumed from the last resourceVersion
/// seen, a lost connection or an API server restart after a back-off, and when that version is too old (410 Gone) the
/// objects are listed again and only what changed meanwhile is reported, followed by <see cref="ResourceEventType.Synced"/>.
/// Failures never end it: each is reported to <c>onError</c> and retried after a back-off. It ends when cancelled.
/// </summary>
public sealed partial class ListWatch<T>(
    IKubernetes kube,
    CustomResourceType resource,
    string? ns,
    ListWatchOptions options,
    ILogger logger,
    TimeProvider time)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const int PageSize = 500;
    private readonly string _what = resource.Describe("watch", ns);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, reporting every change to <paramref name="onEvent"/>.</summary>
    /// <param name="onEvent">Called for each change, one at a time, in order.</param>
    /// <param name="onError">Called for each failure (the loop retries by itself).</param>
    /// <param name="onRecovered">Called once the loop hears from the API server again after a failure.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    public async Task RunAsync(
        Func<ResourceEvent<T>, ValueTask> onEvent, Action<KubernetesException>? onError, Action? onRecovered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var failing = false;
        void Fail(KubernetesException error)
        {
            failing = true;
            onError?.Invoke(error);
        }
        void Heard()
        {
            if (failing)
            {
                failing = false;
                onRecovered?.Invoke();
            }
        }
        var known = new Dictionary<string, T>(StringComparer.Ordinal);
        var backoff = options.InitialBackoff;
        var lists = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            (List<T> Items, string? Version) listed;
            try
            {
                listed = await ListAsync(cancellationToken);
            }
            catch (KubernetesException error)
            {
                Fail(error);
                LogListFailed(logger, _what, error.Message, (long)backoff.TotalMilliseconds);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = Next(backoff);
                continue;
            }
            if (lists++ > 0)
            {
                KubernetesMetrics.Relists.Add(1);
            }
            backoff = options.InitialBackoff;
            Heard();
            await ReportListAsync(known, listed.Items, onEvent);
            await WatchUntilGoneAsync(known, listed.Version, onEvent, Fail, Heard, cancellationToken);
            LogRelist(logger, _what);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<(List<T> Items, string? Version)> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? token = null;
        string? version;
        var headers = Impersonation.HeadersOf(options.Impersonate);
        do
        {
            var page = await ClusterCall.RunAsync(resource.Describe("list", ns), ct => ns is null
                ? kube.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(resource.Group, resource.Version, resource.Plural,
                    continueParameter: token, labelSelector: options.LabelSelector, limit: PageSize, customHeaders: headers, cancellationToken: ct)
                : kube.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(resource.Group, resource.Version, ns, resource.Plural,
                    continueParameter: token, labelSelector: options.LabelSelector, limit: PageSize, customHeaders: headers, cancellationToken: ct),
                cancellationToken);
            items.AddRange(page.Items ?? []);
            token = page.Metadata?.ContinueProperty;
            version = page.Metadata?.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(token));
        return (items, version);
    }

    // After a (re)list: what is new, what changed since the last list, what went away, then Synced.
    private static async Task ReportListAsync(Dictionary<string, T> known, List<T> items, Func<ResourceEvent<T>, ValueTask> onEvent)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = Key(item);
            seen.Add(key);
            if (!known.TryGetValue(key, out var before))
            {
                known[key] = item;
                await onEvent(new ResourceEvent<T>(ResourceEventType.Added, item));
            }
            else if (before.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
            {
                known[key] = item;
                await onEvent(new ResourceEvent<T>(ResourceEventType.Modified, item));
            }
        }
        foreach (var gone in known.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            var item = known[gone];
            known.Remove(gone);
            await onEvent(new ResourceEvent<T>(ResourceEventType.Deleted, item));
        }
        await onEvent(new ResourceEvent<T>(ResourceEventType.Synced, null));
    }

    private async Task WatchUntilGoneAsync(
        Dictionary<string, T> known, string? version, Func<ResourceEvent<T>, ValueTask> onEvent,
        Action<KubernetesException> onError, Action heard, CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        while (true)
        {
            var (outcome, last, error) = await WatchOnceAsync(known, version, onEvent, heard, cancellationToken);
            version = last;
            switch (outcome)
            {
                case WatchOutcome.Ended:
                    backoff = options.InitialBackoff;
                    continue; // the server's timeout: watch again from where it was
                case WatchOutcome.Gone:
                    return;
                default:
                    onError(error!);
                    KubernetesMetrics.WatchRestarts.Add(1);
                    LogWatchResume(logger, _what, error!.Message, version, (long)backoff.TotalMilliseconds);
                    await Task.Delay(backoff, time, cancellationToken);
                    backoff = Next(backoff);
                    break;
            }
        }
    }

    private async Task<(WatchOutcome Outcome, string? Version, KubernetesException? Error)> WatchOnceAsync(
        Dictionary<string, T> known, string? version, Func<ResourceEvent<T>, ValueTask> onEvent, Action heard, CancellationToken cancellationToken)
    {
        // The watchdog ends a watch that stays silent longer than the server's own timeout (a hung connection);
        // every event, bookmarks included, winds it up again.
        var idleLimit = options.ServerTimeout + TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, options.ServerTimeout.Ticks / 2));
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(idleLimit);
        Exception? streamError = null;
        try
        {
            var headers = Impersonation.HeadersOf(options.Impersonate);
            var timeout = (int)options.ServerTimeout.TotalSeconds;
            Task<HttpOperationResponse<object>> response = ns is null
                ? kube.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(resource.Group, resource.Version, resource.Plural,
                    allowWatchBookmarks: true, labelSelector: options.LabelSelector, resourceVersion: version, timeoutSeconds: timeout,
                    watch: true, customHeaders: headers, cancellationToken: watchdog.Token)
                : kube.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(resource.Group, resource.Version, ns, resource.Plural,
                    allowWatchBookmarks: true, labelSelector: options.LabelSelector, resourceVersion: version, timeoutSeconds: timeout,
                    watch: true, customHeaders: headers, cancellationToken: watchdog.Token);
#pragma warning disable CS0618 // The helpers that replace this one send no request headers, and the portal's watches impersonate.
            var events = response.WatchAsync<T, object>(e => streamError ??= e, watchdog.Token);
#pragma warning restore CS0618
            await foreach (var (type, item) in events)
            {
                watchdog.CancelAfter(idleLimit);
                heard();
                version = item?.Metadata?.ResourceVersion ?? version;
                if (item is null || type is WatchEventType.Bookmark or WatchEventType.Error)
                {
                    continue;
                }
                KubernetesMetrics.WatchEvents.Add(1, new KeyValuePair<string, object?>("type", type.ToString()));
                var key = Key(item);
                if (type == WatchEventType.Deleted)
                {
                    known.Remove(key);
                    await onEvent(new ResourceEvent<T>(ResourceEventType.Deleted, item));
                }
                else
                {
                    var existed = known.ContainsKey(key);
                    known[key] = item;
                    await onEvent(new ResourceEvent<T>(existed ? ResourceEventType.Modified : ResourceEventType.Added, item));
                }
            }
            if (streamError is null)
            {
                heard(); // a watch the server ended on time is an answer too
                return (WatchOutcome.Ended, version, null);
            }
            var reported = Translate(streamError, cancellationToken);
            return (reported is KubernetesGoneException ? WatchOutcome.Gone : WatchOutcome.Failed, version, reported);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            var error = watchdog.IsCancellationRequested
                ? new KubernetesUnavailableException($"{_what}: no data for {idleLimit.TotalSeconds:0} s", ex)
                : Translate(ex, cancellationToken);
            return (error is KubernetesGoneException ? WatchOutcome.Gone : WatchOutcome.Failed, version, error);
        }
    }

    private KubernetesException Translate(Exception exception, CancellationToken cancellationToken) =>
        KubernetesErrors.Translate(exception, _what, sensitive: false, cancellationToken)
        ?? new KubernetesException($"{_what}: {exception.GetType().Name}", exception);

    private TimeSpan Next(TimeSpan current) =>
        TimeSpan.FromTicks(Math.Min(current.Ticks * 2, Math.Max(options.MaxBackoff.Ticks, options.InitialBackoff.Ticks)));

    private static string Key(T item) => $"{item.Metadata?.NamespaceProperty}/{item.Metadata?.Name}";

    private enum WatchOutcome
    {
        Ended,
        Gone,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes {What}: list failed ({Reason}); trying again in {DelayMs} ms")]
    private static partial void LogListFailed(ILogger logger, string what, string reason, long delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes {What}: resourceVersion expired, listing again")]
    private static partial void LogRelist(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes {What} interrupted ({Reason}); resuming from resourceVersion {ResourceVersion} in {DelayMs} ms")]
    private static partial void LogWatchResume(ILogger logger, string what, string reason, string? resourceVersion, long delayMs);
}
