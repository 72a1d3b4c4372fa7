using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HikubePortal.Kubernetes.Models;

namespace HikubePortal.Kubernetes;

public sealed partial class KubernetesClient
{
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        options ??= new WatchOptions();
        var resourceVersion = options.ResourceVersion;
        var backoff = InitialBackoff;
        var idleLimit = options.ServerTimeout + TimeSpan.FromSeconds(30);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var op = Op("watch", type, ns, null, allNamespacesWhenNull: true);
            var query = new QueryBuilder()
                .Add("watch", "true")
                .Add("labelSelector", options.LabelSelector)
                .Add("fieldSelector", options.FieldSelector)
                .Add("resourceVersion", resourceVersion)
                .Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null)
                .Add("timeoutSeconds", ((long)options.ServerTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));

            var (response, connectError) = await ConnectWatchAsync(op, op.Path + query, options, cancellationToken);
            if (response is null)
            {
                if (!options.Resume)
                {
                    throw connectError!;
                }
                await BackoffAsync(op.Path, connectError!.Message, resourceVersion, backoff, cancellationToken);
                backoff = Next(backoff, options.MaxBackoff);
                continue;
            }

            string? interruption = null;
            using (response)
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var reader = new StreamReader(stream);
                while (true)
                {
                    var (line, readError) = await ReadLineAsync(reader, idleLimit, cancellationToken);
                    if (readError is not null)
                    {
                        interruption = readError;
                        break;
                    }
                    if (line is null)
                    {
                        break; // the server ended the watch (timeoutSeconds): resume at once
                    }
                    if (line.Length == 0)
                    {
                        continue;
                    }
                    WatchEvent<T> watchEvent;
                    try
                    {
                        watchEvent = ParseEvent<T>(line);
                    }
                    catch (JsonException)
                    {
                        interruption = "unreadable watch event";
                        break;
                    }
                    if (watchEvent.Type == WatchEventType.Error)
                    {
                        var status = watchEvent.Status ?? new Status { Code = 500, Reason = "InternalError" };
                        var error = KubernetesErrors.FromStatus(status, op.Describe(), op.Sensitive);
                        if (error is KubernetesGoneException || error is not KubernetesUnavailableException || !options.Resume)
                        {
                            throw error;
                        }
                        interruption = error.Message;
                        break;
                    }
                    resourceVersion = watchEvent.ResourceVersion ?? resourceVersion;
                    backoff = InitialBackoff;
                    if (watchEvent.Type == WatchEventType.Bookmark && !options.EmitBookmarks)
                    {
                        continue;
                    }
                    yield return watchEvent;
                }
            }

            if (!options.Resume)
            {
                if (interruption is not null)
                {
                    throw new KubernetesUnavailableException($"{op.Describe()}: {interruption}");
                }
                yield break;
            }
            if (interruption is not null)
            {
                await BackoffAsync(op.Path, interruption, resourceVersion, backoff, cancellationToken);
                backoff = Next(backoff, options.MaxBackoff);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ResourceEvent<T>> InformAsync<T>(
        ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        options ??= new WatchOptions();
        var known = new Dictionary<string, T>(StringComparer.Ordinal);
        var resourceName = type.ToString();
        var backoff = InitialBackoff;
        while (true)
        {
            // 1. (Re)list everything and report the difference to what the caller has seen.
            var (items, listVersion, listError) = await ListSnapshotAsync<T>(type, ns, options, cancellationToken);
            if (items is null)
            {
                var delayMs = (long)backoff.TotalMilliseconds;
                LogListRetry(resourceName, listError!.Message, delayMs);
                await Task.Delay(backoff, _time, cancellationToken);
                backoff = Next(backoff, options.MaxBackoff);
                continue;
            }
            backoff = InitialBackoff;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var key = Key(item);
                seen.Add(key);
                if (!known.TryGetValue(key, out var previous))
                {
                    known[key] = item;
                    yield return new ResourceEvent<T>(ResourceEventType.Added, item);
                }
                else if (previous.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
                {
                    known[key] = item;
                    yield return new ResourceEvent<T>(ResourceEventType.Modified, item);
                }
            }
            foreach (var gone in known.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                var removed = known[gone];
                known.Remove(gone);
                yield return new ResourceEvent<T>(ResourceEventType.Deleted, removed);
            }
            yield return new ResourceEvent<T>(ResourceEventType.Synced, null);

            // 2. Watch from the list's resourceVersion until it expires.
            var watch = WatchAsync<T>(type, ns, options with { ResourceVersion = listVersion, Resume = true }, cancellationToken);
            await using var events = watch.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool next;
                try
                {
                    next = await events.MoveNextAsync();
                }
                catch (KubernetesGoneException)
                {
                    LogRelist(resourceName);
                    break;
                }
                if (!next)
                {
                    break;
                }
                var change = events.Current;
                if (change.Object is null)
                {
                    continue;
                }
                var key = Key(change.Object);
                switch (change.Type)
                {
                    case WatchEventType.Added:
                    case WatchEventType.Modified:
                        var existed = known.ContainsKey(key);
                        known[key] = change.Object;
                        yield return new ResourceEvent<T>(existed ? ResourceEventType.Modified : ResourceEventType.Added, change.Object);
                        break;
                    case WatchEventType.Deleted:
                        known.Remove(key);
                        yield return new ResourceEvent<T>(ResourceEventType.Deleted, change.Object);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private async Task<(IReadOnlyList<T>? Items, string? ResourceVersion, KubernetesException? Error)> ListSnapshotAsync<T>(
        ResourceType type, string? ns, WatchOptions options, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var page = new ListOptions
        {
            LabelSelector = options.LabelSelector,
            FieldSelector = options.FieldSelector,
            Limit = DefaultPageSize,
            Impersonate = options.Impersonate,
            Timeout = options.Timeout,
        };
        try
        {
            while (true)
            {
                var list = await ListAsync<T>(type, ns, page, cancellationToken);
                items.AddRange(list.Items);
                if (string.IsNullOrEmpty(list.Metadata.Continue))
                {
                    return (items, list.Metadata.ResourceVersion, null);
                }
                page = page with { Continue = list.Metadata.Continue };
            }
        }
        catch (KubernetesUnavailableException ex)
        {
            return (null, null, ex);
        }
        catch (KubernetesGoneException ex)
        {
            return (null, null, ex); // the continue token expired: start the list over
        }
    }

    private async Task<(HttpResponseMessage? Response, KubernetesException? Error)> ConnectWatchAsync(
        Operation op, string pathAndQuery, WatchOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, options, op,
                static (r, _) => Task.FromResult(r), streaming: true, cancellationToken);
            return (response, null);
        }
        catch (KubernetesUnavailableException ex)
        {
            return (null, ex);
        }
    }

    private async Task<(string? Line, string? Error)> ReadLineAsync(StreamReader reader, TimeSpan idleLimit, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(idleLimit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return (await reader.ReadLineAsync(linked.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no data for {idleLimit.TotalSeconds:0} s");
        }
        catch (IOException ex)
        {
            return (null, $"connection lost ({ex.GetType().Name})");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"connection lost ({ex.HttpRequestError})");
        }
    }

    internal static WatchEvent<T> ParseEvent<T>(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var typeText = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        var type = typeText switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            _ => WatchEventType.Error,
        };
        if (!root.TryGetProperty("object", out var obj))
        {
            return new WatchEvent<T>(WatchEventType.Error, default, new Status { Code = 500, Reason = "InternalError", Message = "watch event without object" });
        }
        return type == WatchEventType.Error
            ? new WatchEvent<T>(type, default, obj.Deserialize<Status>(KubernetesJson.Options))
            : new WatchEvent<T>(type, obj.Deserialize<T>(KubernetesJson.Options));
    }

    private async Task BackoffAsync(string path, string reason, string? resourceVersion, TimeSpan delay, CancellationToken cancellationToken)
    {
        var delayMs = (long)delay.TotalMilliseconds;
        LogWatchResume(path, reason, resourceVersion, delayMs);
        await Task.Delay(delay, _time, cancellationToken);
    }

    private static TimeSpan Next(TimeSpan current, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(current.Ticks * 2, Math.Max(max.Ticks, InitialBackoff.Ticks)));

    private static string Key(IKubernetesObject o) => $"{o.Metadata.Namespace}/{o.Metadata.Name}";
}
