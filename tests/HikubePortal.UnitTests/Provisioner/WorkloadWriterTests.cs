using System.Net;
using System.Text.Json.Nodes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Provisioner.Provisioning;
using HikubePortal.UnitTests.KubernetesTests;
using k8s.Models;

namespace HikubePortal.UnitTests.Provisioner;

/// <summary>The Workload a provisioned Bucket gets: its size as Cozystack reports it, owned by the Bucket, written only on a change.</summary>
public sealed class WorkloadWriterTests
{
    private const string Uid = "1df67984-321d-492d-bb06-2f4527bb0f5b";
    private const string Path = "/apis/cozystack.io/v1alpha1/namespaces/tenant-acme/workloads";

    private static readonly Bucket Backups = new()
    {
        Metadata = new V1ObjectMeta { Name = "backups", NamespaceProperty = "tenant-acme", Uid = Uid },
    };

    private static readonly BucketUsageReport Report = new(Operational: true, StorageBytes: 1536L << 20, PhysicalBytes: (1536L << 20) + 4096);

    private static string Stored(string size, string ownerUid = Uid) => new JsonObject
    {
        ["apiVersion"] = "cozystack.io/v1alpha1",
        ["kind"] = "Workload",
        ["metadata"] = new JsonObject
        {
            ["name"] = "bucket-bucket-backups",
            ["namespace"] = "tenant-acme",
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps.cozystack.io/v1alpha1", ["kind"] = "Bucket", ["name"] = "backups", ["uid"] = ownerUid, ["controller"] = true,
            }),
        },
        ["status"] = new JsonObject
        {
            ["kind"] = "bucket",
            ["operational"] = true,
            ["resources"] = new JsonObject
            {
                ["s3-buckets"] = "1", ["s3-storage-bytes"] = size, ["s3-physical-storage-bytes"] = ((1536L << 20) + 4096).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        },
    }.ToJsonString();

    [Fact]
    public async Task A_new_workload_reports_the_size_in_quantities_and_belongs_to_the_bucket()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(HttpStatusCode.NotFound, FakeKubernetesHandler.StatusJson(404, "NotFound", "not found"))
            .Respond(HttpStatusCode.Created, Stored("1536Mi"));

        Assert.True(await new WorkloadWriter(FakeKubernetesHandler.Client(handler)).ApplyAsync(Backups, Report, default));

        var create = handler.Requests[1];
        Assert.Equal((HttpMethod.Post, Path), (create.Method, create.Path));
        var body = JsonNode.Parse(create.Body!)!;
        Assert.Equal("bucket-bucket-backups", (string?)body["metadata"]!["name"]);
        Assert.Equal("backups", (string?)body["metadata"]!["labels"]!["hikube.cloud/bucket"]);
        var owner = body["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("Bucket", "backups", Uid, true), ((string?)owner["kind"], (string?)owner["name"], (string?)owner["uid"], (bool?)owner["controller"]));
        var resources = body["status"]!["resources"]!;
        Assert.Equal(("1", "1536Mi", "1572868Ki"),
            ((string?)resources["s3-buckets"], (string?)resources["s3-storage-bytes"], (string?)resources["s3-physical-storage-bytes"]));
        Assert.True((bool?)body["status"]!["operational"]);
    }

    [Fact]
    public async Task A_workload_that_already_says_it_is_left_alone()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, Stored("1536Mi"));

        Assert.False(await new WorkloadWriter(FakeKubernetesHandler.Client(handler)).ApplyAsync(Backups, Report, default));
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("1Gi", Uid)]
    [InlineData("1536Mi", "another-uid")]
    public async Task A_changed_size_or_owner_is_patched(string storedSize, string storedOwner)
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, Stored(storedSize, storedOwner)).Respond(HttpStatusCode.OK, Stored("1536Mi"));

        Assert.True(await new WorkloadWriter(FakeKubernetesHandler.Client(handler)).ApplyAsync(Backups, Report, default));

        var patch = handler.Requests[1];
        Assert.Equal((HttpMethod.Patch, $"{Path}/bucket-bucket-backups", "application/merge-patch+json"), (patch.Method, patch.Path, patch.ContentType));
        var body = JsonNode.Parse(patch.Body!)!;
        Assert.Equal("1536Mi", (string?)body["status"]!["resources"]!["s3-storage-bytes"]);
        Assert.Equal(Uid, (string?)body["metadata"]!["ownerReferences"]![0]!["uid"]);
    }
}
