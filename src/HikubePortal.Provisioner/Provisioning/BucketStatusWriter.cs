using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>The outcome of one reconcile, as the status shows it.</summary>
/// <param name="Ready">Whether the bucket, its users and their Secrets are in place.</param>
/// <param name="Reason">One CamelCase word, e.g. <c>Provisioned</c>, <c>RadosgwUnavailable</c>.</param>
/// <param name="Message">A sentence for people; never a key.</param>
internal sealed record BucketOutcome(bool Ready, string Reason, string Message)
{
    public static BucketOutcome Provisioned(string message) => new(true, "Provisioned", message);

    public static BucketOutcome Failed(string reason, string message) => new(false, reason, message);
}

/// <summary>
/// Writes <c>status</c> through the status subresource the way Cozystack's copy of the Flux release looks:
/// <c>Ready</c> and <c>Released</c> conditions, <c>observedGeneration</c> and <c>version</c>. Nothing is
/// written when the status already says the same (transition times only move on a change).
/// </summary>
internal sealed class BucketStatusWriter(BucketApi buckets, TimeProvider time)
{
    public const string ReadyType = "Ready";
    public const string ReleasedType = "Released";

    /// <summary>The version the provisioner reports, from its assembly.</summary>
    public static readonly string Version =
        (typeof(BucketStatusWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    /// <summary>Writes the status for <paramref name="outcome"/>; answers whether a write was needed.</summary>
    public async Task<bool> WriteAsync(Bucket bucket, BucketOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var conditions = Conditions(bucket, outcome, time.GetUtcNow());
        if (conditions is null)
        {
            return false;
        }

        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["version"] = Version,
                ["observedGeneration"] = bucket.Metadata.Generation,
                ["conditions"] = new JsonArray([.. conditions.Select(ToJson)]),
            },
        };
        await buckets.PatchStatusAsync(bucket.Namespace, bucket.Name, patch.ToJsonString(), cancellationToken, BucketNaming.ManagedByValue);
        return true;
    }

    /// <summary>
    /// The conditions to store, or null when the stored ones already say this (same status, reason,
    /// message and generation) and the version is current.
    /// </summary>
    internal static IReadOnlyList<Condition>? Conditions(Bucket bucket, BucketOutcome outcome, DateTimeOffset now)
    {
        var generation = bucket.Metadata.Generation;
        var existing = bucket.Status?.Conditions ?? [];
        var released = bucket.Status?.Find(ReleasedType);
        var wasReleased = released?.IsTrue ?? false;
        var status = outcome.Ready ? "True" : "False";
        var (releaseReason, releaseMessage) = (outcome.Ready, wasReleased) switch
        {
            (true, true) when released!.ObservedGeneration == generation && released.Reason is { } reason =>
                (reason, released.Message ?? string.Empty),
            (false, false) when released is { IsFalse: true, Reason: { } failed } => (failed, outcome.Message),
            (true, false) => ("InstallSucceeded", $"Bucket provisioned at generation {generation?.ToString(CultureInfo.InvariantCulture) ?? "?"}"),
            (true, true) => ("UpgradeSucceeded", $"Bucket updated at generation {generation?.ToString(CultureInfo.InvariantCulture) ?? "?"}"),
            (false, false) => ("InstallFailed", outcome.Message),
            (false, true) => ("UpgradeFailed", outcome.Message),
        };

        var wanted = new[]
        {
            Make(existing, ReadyType, status, outcome.Reason, outcome.Message, generation, now),
            Make(existing, ReleasedType, status, releaseReason, releaseMessage, generation, now),
        };
        var unchanged = bucket.Status?.Version == Version
            && wanted.All(w => existing.Any(e => Same(e, w)));
        if (unchanged)
        {
            return null;
        }

        return [.. wanted, .. existing.Where(e => e.Type is not ReadyType and not ReleasedType)];
    }

    private static Condition Make(IReadOnlyList<Condition> existing, string type, string status, string reason, string message, long? generation, DateTimeOffset now)
    {
        var previous = existing.FirstOrDefault(c => c.Type == type);
        var since = previous is not null && previous.Status == status && previous.LastTransitionTime is { } at ? at : now;
        return new Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = new DateTimeOffset(since.UtcDateTime.Ticks - (since.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
        };
    }

    private static bool Same(Condition a, Condition b) =>
        a.Type == b.Type && a.Status == b.Status && a.Reason == b.Reason && a.Message == b.Message && a.ObservedGeneration == b.ObservedGeneration;

    private static JsonObject ToJson(Condition c) => new()
    {
        ["type"] = c.Type,
        ["status"] = c.Status,
        ["reason"] = c.Reason,
        ["message"] = c.Message,
        ["observedGeneration"] = c.ObservedGeneration,
        ["lastTransitionTime"] = c.LastTransitionTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };
}
