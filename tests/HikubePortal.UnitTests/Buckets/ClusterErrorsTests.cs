using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes;
using k8s.Models;

namespace HikubePortal.UnitTests.Buckets;

public sealed class ClusterErrorsTests
{
    private static readonly TenantAccess Access = new(Guid.NewGuid(), "acme", TenantRole.Admin, true);

    [Fact]
    public void Unreachable_cluster_is_unavailable_in_words()
    {
        var error = ClusterErrors.Translate(new KubernetesUnavailableException("connection refused"), Access, "photos");

        Assert.IsType<UnavailableException>(error);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_that_does_not_answer_in_time_is_said_to_be_not_answering()
    {
        var error = ClusterErrors.Translate(
            new KubernetesUnavailableException("get buckets: the API server did not answer in time") { NotAnswering = true }, Access, "photos");

        Assert.IsType<UnavailableException>(error);
        Assert.Equal("The cluster (Kubernetes API) is not answering; try again in a moment.", error.Message);
    }

    [Fact]
    public void Rbac_refusal_names_the_role_and_namespace()
    {
        var error = ClusterErrors.Translate(new KubernetesForbiddenException("forbidden"), Access, "photos");

        Assert.IsType<ForbiddenException>(error);
        Assert.Contains("RBAC", error.Message, StringComparison.Ordinal);
        Assert.Contains("(admin) in tenant-acme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_errors_keep_their_fields()
    {
        var status = new V1Status
        {
            Code = 422,
            Reason = "Invalid",
            Details = new V1StatusDetails
            {
                Causes =
                [
                    new V1StatusCause { Field = "metadata.name", Message = "must be no more than 46 characters", Reason = "FieldValueTooLong" },
                    new V1StatusCause { Field = "spec.users.Bad", Message = "invalid user name", Reason = "FieldValueInvalid" },
                ],
            },
        };

        var error = Assert.IsType<InvalidException>(ClusterErrors.Translate(new KubernetesInvalidException("invalid", status), Access, "photos"));

        Assert.Contains("must be no more than 46 characters", error.Errors["Name"][0], StringComparison.Ordinal);
        Assert.Contains("invalid user name", error.Errors["Users"][0], StringComparison.Ordinal);
        Assert.StartsWith("The cluster refused these settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_taken_name_and_a_missing_bucket_are_said_plainly()
    {
        Assert.Equal("Bucket name photos is already used in tenant-acme.",
            ClusterErrors.Translate(new KubernetesAlreadyExistsException("exists"), Access, "photos").Message);
        Assert.IsType<NotFoundException>(ClusterErrors.Translate(new KubernetesNotFoundException("nf"), Access, "photos"));
    }
}
