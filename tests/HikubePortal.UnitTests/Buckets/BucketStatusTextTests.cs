using HikubePortal.Application.Buckets;
using HikubePortal.Kubernetes.Cozystack;
using k8s.Models;

namespace HikubePortal.UnitTests.Buckets;

public sealed class BucketStatusTextTests
{
    [Theory]
    [InlineData("InstallFailed", "Failed: the platform could not set it up")]
    [InlineData("RetriesExceeded", "Failed: the platform gave up after several attempts")]
    [InlineData("RadosgwUnavailable", "Failed: the storage is unreachable")]
    [InlineData("SomethingNew", "Failed: something new")]
    public void Failure_reasons_become_words(string reason, string headline) =>
        Assert.Equal(headline, BucketStatusText.Headline(new BucketState(BucketPhase.Failed, reason)));

    [Theory]
    [InlineData("True", null, "Storage is ready — all good.")]
    [InlineData("False", "Progressing", "Waiting for the storage to create the bucket — all good.")]
    [InlineData("False", "RadosgwUnavailable", "Failed: the storage is unreachable — all good.")]
    public void Ready_conditions_are_sentences(string status, string? reason, string expected) =>
        Assert.Equal(expected, BucketStatusText.Describe(new Condition { Type = "Ready", Status = status, Reason = reason, Message = "all good." }));

    [Fact]
    public void Failed_ready_conditions_are_failures_and_progress_is_not()
    {
        Assert.True(BucketStatusText.IsFailure(new Condition { Type = "Ready", Status = "False", Reason = "InstallFailed" }));
        Assert.False(BucketStatusText.IsFailure(new Condition { Type = "Ready", Status = "False", Reason = "Progressing" }));
        Assert.False(BucketStatusText.IsFailure(new Condition { Type = "Ready", Status = "True", Reason = "InstallFailed" }));
    }

    [Fact]
    public void Explanations_never_speak_of_the_machinery()
    {
        foreach (var phase in Enum.GetValues<BucketPhase>())
        {
            var text = BucketStatusText.Explain(new BucketState(phase, "InstallFailed", "x"));
            Assert.DoesNotContain("HelmRelease", text, StringComparison.Ordinal);
            Assert.DoesNotContain("COSI", text, StringComparison.Ordinal);
            Assert.EndsWith(".", text, StringComparison.Ordinal);
        }
    }
}
