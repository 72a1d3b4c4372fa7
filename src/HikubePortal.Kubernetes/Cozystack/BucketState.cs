namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>What a person should read about a bucket.</summary>
public enum BucketPhase
{
    /// <summary>Created or changed, not Ready yet (no Ready condition, Ready Unknown, or in progress).</summary>
    Provisioning,

    /// <summary>Condition <c>Ready</c> is True.</summary>
    Ready,

    /// <summary>Condition <c>Ready</c> is False with a failure reason (or <c>Stalled</c> is True).</summary>
    Failed,

    /// <summary><c>metadata.deletionTimestamp</c> is set: going away.</summary>
    Deleting,
}

/// <summary>The plain-language state of a bucket: phase, and for failures the reason and message.</summary>
public sealed record BucketState(BucketPhase Phase, string? Reason = null, string? Message = null)
{
    /// <summary>Ready=False reasons that mean "still working on it", not a failure.</summary>
    private static readonly HashSet<string> InProgressReasons = new(StringComparer.OrdinalIgnoreCase)
    {
        "Progressing", "Reconciling", "Provisioning", "Pending", "DependencyNotReady", "ProgressingWithRetry",
        "Creating", "Installing", "Upgrading", "Waiting",
    };

    /// <summary>Short label: Provisioning, Ready, Failed, Deleting.</summary>
    public string Label => Phase.ToString();

    /// <summary>A sentence for people, e.g. <c>Failed: InstallFailed: timed out</c>.</summary>
    public string Describe() => Phase switch
    {
        BucketPhase.Failed => string.Join(": ", new[] { "Failed", Reason, Message }.Where(s => !string.IsNullOrWhiteSpace(s))),
        _ => Label,
    };

    /// <summary>Derives the state from a bucket's deletion timestamp and conditions.</summary>
    public static BucketState From(Bucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (bucket.Metadata.DeletionTimestamp is not null)
        {
            return new BucketState(BucketPhase.Deleting);
        }
        if ((bucket.Spec?.Problem ?? bucket.Status?.Problem) is { } problem)
        {
            return new BucketState(BucketPhase.Failed, "Unreadable", $"The portal cannot read this bucket as the cluster has it: {problem}.");
        }
        var status = bucket.Status;
        var stalled = status?.Find("Stalled");
        if (stalled is { IsTrue: true })
        {
            return new BucketState(BucketPhase.Failed, stalled.Reason, stalled.Message);
        }
        var ready = status?.Find("Ready");
        if (ready is null)
        {
            return new BucketState(BucketPhase.Provisioning);
        }
        if (ready.IsTrue)
        {
            return new BucketState(BucketPhase.Ready);
        }
        if (ready.IsFalse && !string.IsNullOrEmpty(ready.Reason) && !InProgressReasons.Contains(ready.Reason))
        {
            return new BucketState(BucketPhase.Failed, ready.Reason, ready.Message);
        }
        return new BucketState(BucketPhase.Provisioning, ready.Reason, ready.Message);
    }
}
