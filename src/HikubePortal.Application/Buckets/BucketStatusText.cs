using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.Application.Buckets;

/// <summary>Bucket states and conditions in plain words (no "CR", "HelmRelease" or "COSI").</summary>
public static class BucketStatusText
{
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["InstallFailed"] = "the platform could not set it up",
        ["UpgradeFailed"] = "the platform could not apply the latest change",
        ["RetriesExceeded"] = "the platform gave up after several attempts",
        ["ArtifactFailed"] = "the platform could not fetch what it needs",
        ["InvalidSpec"] = "its settings are not valid",
        ["RadosgwUnavailable"] = "the storage is unreachable",
        ["RadosgwForbidden"] = "the storage refused the platform",
        ["RadosgwError"] = "the storage reported an error",
        ["BucketConflict"] = "the storage name is taken",
        ["SecretConflict"] = "its credentials could not be written",
        ["Conflict"] = "it changed while being set up",
        ["KubernetesError"] = "the cluster reported an error",
    };

    /// <summary>The badge text: <c>Ready</c>, <c>Provisioning</c>, <c>Deleting</c> or <c>Failed: the storage is unreachable</c>.</summary>
    public static string Headline(BucketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Phase == BucketPhase.Failed ? $"Failed: {Reason(state.Reason)}" : state.Label;
    }

    /// <summary>A sentence for the tooltip and the overview.</summary>
    public static string Explain(BucketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Phase switch
        {
            BucketPhase.Ready => "Storage is ready: the bucket and its credentials are in place.",
            BucketPhase.Deleting => "The platform is deleting the bucket, its users and their credentials.",
            BucketPhase.Failed => Sentence($"Failed: {Reason(state.Reason)}", state.Message) + " The platform retries by itself.",
            _ => Sentence("Waiting for the storage to create the bucket", state.Message),
        };
    }

    /// <summary>One condition in words, e.g. "Storage is ready" or "Failed: the storage is unreachable — radosgw unreachable".</summary>
    public static string Describe(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return (condition.Type, condition.IsTrue, condition.IsFalse) switch
        {
            ("Ready", true, _) => Sentence("Storage is ready", condition.Message),
            ("Ready", _, true) when IsFailure(condition.Reason) => Sentence($"Failed: {Reason(condition.Reason)}", condition.Message),
            ("Ready", _, _) => Sentence("Waiting for the storage to create the bucket", condition.Message),
            ("Released", true, _) => Sentence("The platform applied the latest settings", condition.Message),
            ("Released", _, true) => Sentence($"The platform could not apply the settings: {Reason(condition.Reason)}", condition.Message),
            ("WorkloadsReady", true, _) => "The storage services are running.",
            ("WorkloadsReady", _, _) => Sentence("The storage services are starting", condition.Message),
            _ => Sentence($"{condition.Type}: {(condition.IsTrue ? "yes" : condition.IsFalse ? "no" : "unknown")}", condition.Message),
        };
    }

    /// <summary>Whether a condition reports a problem (red) rather than progress.</summary>
    public static bool IsFailure(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return condition.IsFalse && IsFailure(condition.Reason);
    }

    private static bool IsFailure(string? reason) =>
        BucketState.From(new Bucket
        {
            Status = new BucketStatus { Conditions = [new Condition { Type = "Ready", Status = "False", Reason = reason }] },
        }).Phase == BucketPhase.Failed;

    private static string Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "the platform reported a problem"
        : Reasons.TryGetValue(reason, out var words) ? words
        : SplitWords(reason);

    /// <summary><c>SomethingWentWrong</c> -> <c>something went wrong</c>.</summary>
    private static string SplitWords(string reason)
    {
        var builder = new System.Text.StringBuilder(reason.Length + 8);
        for (var i = 0; i < reason.Length; i++)
        {
            var c = reason[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(reason[i - 1]))
            {
                builder.Append(' ');
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    private static string Sentence(string head, string? detail) =>
        string.IsNullOrWhiteSpace(detail) ? head + "." : $"{head} — {detail.Trim().TrimEnd('.')}.";
}
