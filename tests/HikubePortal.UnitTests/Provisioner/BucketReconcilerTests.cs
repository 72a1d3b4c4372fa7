using HikubePortal.Kubernetes;
using HikubePortal.Provisioner.Provisioning;
using HikubePortal.Provisioner.Radosgw;

namespace HikubePortal.UnitTests.Provisioner;

/// <summary>How failures read in a Bucket's status (the reconciler itself runs against the real platform in PlatformTests).</summary>
public sealed class BucketReconcilerTests
{
    public static TheoryData<Exception, string> Failures => new()
    {
        { new RadosgwException(RadosgwErrorKind.Unavailable, "Connection", "radosgw get user: unreachable"), "RadosgwUnavailable" },
        { new RadosgwException(RadosgwErrorKind.Conflict, "BucketAlreadyExists", "radosgw head bucket: taken"), "BucketConflict" },
        { new RadosgwException(RadosgwErrorKind.Forbidden, "AccessDenied", "radosgw create user: 403 AccessDenied"), "RadosgwForbidden" },
        { new RadosgwException(RadosgwErrorKind.Invalid, "MalformedPolicy", "radosgw put bucket policy: 400 MalformedPolicy"), "RadosgwError" },
        { new SecretConflictException("Secret tenant-a/bucket-b-u exists and belongs to another object"), "SecretConflict" },
        { new KubernetesConflictException("the object has been modified"), "Conflict" },
        { new KubernetesForbiddenException("secrets is forbidden"), "KubernetesError" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Expected_failures_become_a_not_ready_status_that_promises_a_retry(Exception failure, string reason)
    {
        var outcome = BucketReconciler.Explain(failure);

        Assert.NotNull(outcome);
        Assert.False(outcome.Ready);
        Assert.Equal(reason, outcome.Reason);
        Assert.EndsWith("will retry", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Radosgw_unreachable_reads_as_the_platform_says_it() =>
        Assert.Equal("radosgw unreachable — will retry",
            BucketReconciler.Explain(new RadosgwException(RadosgwErrorKind.Unavailable, "Timeout", "x"))!.Message);

    [Fact]
    public void An_unreachable_apiserver_or_a_bug_is_not_explained_in_status()
    {
        Assert.Null(BucketReconciler.Explain(new KubernetesUnavailableException("connection refused")));
        Assert.Null(BucketReconciler.Explain(new InvalidOperationException("bug")));
    }

    [Theory]
    [InlineData(null, "!hikube.cloud/provisioner")]
    [InlineData("", "!hikube.cloud/provisioner")]
    [InlineData("canary", "hikube.cloud/provisioner=canary")]
    public void The_class_selects_the_buckets_watched(string? @class, string selector) =>
        Assert.Equal(selector, new ProvisionerOptions { Class = @class }.LabelSelector);

    [Fact]
    public void A_provisioner_handles_only_buckets_of_its_class()
    {
        var unlabelled = new Dictionary<string, string>();
        var canary = new Dictionary<string, string> { ["hikube.cloud/provisioner"] = "canary" };

        Assert.True(new ProvisionerOptions().Handles(null));
        Assert.True(new ProvisionerOptions().Handles(unlabelled));
        Assert.False(new ProvisionerOptions().Handles(canary));
        Assert.True(new ProvisionerOptions { Class = "canary" }.Handles(canary));
        Assert.False(new ProvisionerOptions { Class = "canary" }.Handles(unlabelled));
    }
}
