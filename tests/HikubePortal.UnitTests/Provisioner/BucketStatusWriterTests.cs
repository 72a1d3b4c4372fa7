using HikubePortal.Kubernetes.Cozystack;
using k8s.Models;
using HikubePortal.Provisioner.Provisioning;

namespace HikubePortal.UnitTests.Provisioner;

public sealed class BucketStatusWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    private static Bucket Bucket(long generation, params Condition[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = "b", NamespaceProperty = "tenant-a", Uid = "u", Generation = generation },
        Status = conditions.Length == 0 ? null : new BucketStatus { Version = BucketStatusWriter.Version, Conditions = conditions },
    };

    private static Bucket Stored(Bucket bucket, IReadOnlyList<Condition> conditions) =>
        bucket with { Status = new BucketStatus { Version = BucketStatusWriter.Version, Conditions = conditions } };

    [Fact]
    public void A_first_success_is_ready_and_installed_for_the_generation()
    {
        var conditions = BucketStatusWriter.Conditions(Bucket(1), BucketOutcome.Provisioned("ok"), T0)!;

        var ready = conditions.Single(c => c.Type == "Ready");
        var released = conditions.Single(c => c.Type == "Released");
        Assert.Equal(("True", "Provisioned", "ok", 1L, T0), (ready.Status, ready.Reason, ready.Message, ready.ObservedGeneration!.Value, ready.LastTransitionTime!.Value));
        Assert.Equal(("True", "InstallSucceeded"), (released.Status, released.Reason));
    }

    [Fact]
    public void The_same_outcome_again_needs_no_write()
    {
        var first = Bucket(1);
        var stored = Stored(first, BucketStatusWriter.Conditions(first, BucketOutcome.Provisioned("ok"), T0)!);

        Assert.Null(BucketStatusWriter.Conditions(stored, BucketOutcome.Provisioned("ok"), T1));
    }

    [Fact]
    public void A_new_generation_is_an_upgrade_and_keeps_the_transition_time_of_a_status_that_did_not_change()
    {
        var first = Bucket(1);
        var stored = Stored(first, BucketStatusWriter.Conditions(first, BucketOutcome.Provisioned("ok"), T0)!) with
        {
            Metadata = new V1ObjectMeta { Name = "b", NamespaceProperty = "tenant-a", Uid = "u", Generation = 2 },
        };

        var conditions = BucketStatusWriter.Conditions(stored, BucketOutcome.Provisioned("ok"), T1)!;

        var ready = conditions.Single(c => c.Type == "Ready");
        Assert.Equal((2L, T0), (ready.ObservedGeneration!.Value, ready.LastTransitionTime!.Value));
        Assert.Equal("UpgradeSucceeded", conditions.Single(c => c.Type == "Released").Reason);
    }

    [Fact]
    public void A_failure_says_why_and_moves_the_transition_time_and_repeating_it_writes_nothing()
    {
        var first = Bucket(1);
        var ok = Stored(first, BucketStatusWriter.Conditions(first, BucketOutcome.Provisioned("ok"), T0)!);
        var down = BucketOutcome.Failed("RadosgwUnavailable", "radosgw unreachable — will retry");

        var failed = BucketStatusWriter.Conditions(ok, down, T1)!;

        var ready = failed.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "RadosgwUnavailable", "radosgw unreachable — will retry", T1), (ready.Status, ready.Reason, ready.Message, ready.LastTransitionTime!.Value));
        Assert.Equal(("False", "UpgradeFailed"), failed.Single(c => c.Type == "Released") is var r ? (r.Status, r.Reason) : default);
        Assert.Null(BucketStatusWriter.Conditions(Stored(ok, failed), down, T1.AddMinutes(1)));
        Assert.Equal(BucketPhase.Failed, Stored(ok, failed).State.Phase);
    }

    [Fact]
    public void A_first_failure_is_a_failed_install()
    {
        var conditions = BucketStatusWriter.Conditions(Bucket(1), BucketOutcome.Failed("InvalidSpec", "bad user"), T0)!;

        Assert.Equal(("False", "InstallFailed"), conditions.Single(c => c.Type == "Released") is var r ? (r.Status, r.Reason) : default);
    }

    [Fact]
    public void Conditions_of_other_types_are_kept()
    {
        var other = new Condition { Type = "WorkloadsReady", Status = "True", Reason = "x" };

        var conditions = BucketStatusWriter.Conditions(Bucket(1, other), BucketOutcome.Provisioned("ok"), T0)!;

        Assert.Contains(other, conditions);
        Assert.Equal(3, conditions.Count);
    }

    [Fact]
    public void Transition_times_are_whole_seconds()
    {
        var conditions = BucketStatusWriter.Conditions(Bucket(1), BucketOutcome.Provisioned("ok"), T0.AddMilliseconds(987))!;

        Assert.All(conditions, c => Assert.Equal(T0, c.LastTransitionTime));
    }
}
