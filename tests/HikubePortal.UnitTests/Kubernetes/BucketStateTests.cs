using HikubePortal.Kubernetes.Cozystack;
using k8s.Models;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class BucketStateTests
{
    private static Bucket With(params Condition[] conditions) =>
        Bucket.Create("t", "b") with { Status = new BucketStatus { Version = "0.2.0", Conditions = conditions } };

    private static Condition Ready(string status, string? reason = null, string? message = null) =>
        new() { Type = "Ready", Status = status, Reason = reason, Message = message };

    [Fact]
    public void A_new_bucket_without_status_is_provisioning() =>
        Assert.Equal(BucketPhase.Provisioning, Bucket.Create("t", "b").State.Phase);

    [Fact]
    public void Ready_true_is_ready()
    {
        var state = With(Ready("True", "InstallSucceeded", "Helm install succeeded")).State;

        Assert.Equal(BucketPhase.Ready, state.Phase);
        Assert.Equal("Ready", state.Describe());
    }

    [Theory]
    [InlineData("InstallFailed", "timed out waiting for the condition")]
    [InlineData("UpgradeFailed", "rendered manifests contain a resource that already exists")]
    [InlineData("RetriesExceeded", "")]
    [InlineData("RadosgwUnavailable", "connection refused")]
    public void Ready_false_with_a_failure_reason_is_failed_with_reason_and_message(string reason, string message)
    {
        var state = With(Ready("False", reason, message)).State;

        Assert.Equal(BucketPhase.Failed, state.Phase);
        Assert.Equal(reason, state.Reason);
        Assert.Equal(message.Length == 0 ? null : message, state.Message);
        Assert.StartsWith($"Failed: {reason}", state.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("False", "Progressing")]
    [InlineData("False", "DependencyNotReady")]
    [InlineData("Unknown", "Progressing")]
    [InlineData("Unknown", null)]
    [InlineData("False", null)]
    public void In_progress_conditions_are_provisioning(string status, string? reason) =>
        Assert.Equal(BucketPhase.Provisioning, With(Ready(status, reason)).State.Phase);

    [Fact]
    public void Stalled_true_is_failed_even_if_ready_is_unknown()
    {
        var state = With(Ready("Unknown", "Progressing"), new Condition { Type = "Stalled", Status = "True", Reason = "InstallFailed", Message = "chart missing" }).State;

        Assert.Equal(BucketPhase.Failed, state.Phase);
        Assert.Equal("Failed: InstallFailed: chart missing", state.Describe());
    }

    [Fact]
    public void A_deletion_timestamp_wins_over_everything()
    {
        var bucket = With(Ready("True")) with
        {
            Metadata = new V1ObjectMeta { Name = "b", DeletionTimestamp = DateTime.UnixEpoch },
        };

        Assert.Equal(BucketPhase.Deleting, bucket.State.Phase);
    }

    [Fact]
    public void Other_condition_types_do_not_decide()
    {
        var state = With(new Condition { Type = "Released", Status = "True" }, new Condition { Type = "WorkloadsReady", Status = "False", Reason = "Failed" }).State;

        Assert.Equal(BucketPhase.Provisioning, state.Phase);
    }
}
