using System.Text.Json;
using HikubePortal.Kubernetes.Cozystack;
using k8s;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>The Workloads the platform reports bucket sizes in, and the quantities in them.</summary>
public sealed class WorkloadTests
{
    [Theory]
    [InlineData("\"1536Mi\"", 1536L * 1024 * 1024)]
    [InlineData("\"1.5Gi\"", 1536L * 1024 * 1024)]
    [InlineData("\"0\"", 0L)]
    [InlineData("\"3000\"", 3000L)]
    [InlineData("3000", 3000L)]
    [InlineData("1.5e3", 1500L)]
    [InlineData("\"2k\"", 2000L)]
    [InlineData("\"4Ki\"", 4096L)]
    [InlineData("\"1Ti\"", 1L << 40)]
    [InlineData("\"100m\"", 1L)] // fractions round up, as Kubernetes' Quantity.Value() does
    [InlineData("\"16Ei\"", long.MaxValue)] // beyond a long: the largest
    public void Quantities_are_read_as_whole_amounts(string json, long expected) =>
        Assert.Equal(expected, StorageQuantity.Parse(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData("\"lots\"")]
    [InlineData("\"\"")]
    [InlineData("\"-5Mi\"")]
    [InlineData("-1")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"value\":1}")]
    public void What_is_not_a_quantity_is_unknown(string json) =>
        Assert.Null(StorageQuantity.Parse(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(3000L, "3000")]
    [InlineData(1024L, "1Ki")]
    [InlineData(1536L * 1024 * 1024, "1536Mi")]
    public void Amounts_are_written_as_Kubernetes_writes_them(long bytes, string quantity)
    {
        Assert.Equal(quantity, StorageQuantity.Format(bytes));
        Assert.Equal(bytes, StorageQuantity.Parse(quantity));
    }

    [Fact]
    public void A_buckets_workload_reports_its_storage()
    {
        var workload = KubernetesJson.Deserialize<Workload>("""
            {"apiVersion":"cozystack.io/v1alpha1","kind":"Workload","metadata":{"name":"bucket-bucket-photos","namespace":"tenant-a"},
             "status":{"kind":"bucket","type":"s3","operational":true,
                       "resources":{"s3-buckets":"1","s3-storage-bytes":"1536Mi","s3-physical-storage-bytes":3221225472}}}
            """);

        Assert.Equal("photos", Workload.BucketOf(workload.Name));
        Assert.True(workload.Status!.Operational);
        Assert.Equal(1536L << 20, workload.Status.Amount(WorkloadStatus.StorageBytes));
        Assert.Equal(3L << 30, workload.Status.Amount(WorkloadStatus.PhysicalStorageBytes));
        Assert.Equal(1, workload.Status.Amount(WorkloadStatus.Buckets));
        Assert.Null(workload.Status.Amount("s3-objects"));
    }

    [Fact]
    public void A_workload_without_monitoring_or_with_an_unreadable_status_reports_nothing()
    {
        var bare = KubernetesJson.Deserialize<Workload>("""{"metadata":{"name":"bucket-bucket-a"},"status":{"kind":"bucket","operational":false}}""");
        var odd = KubernetesJson.Deserialize<Workload>("""{"metadata":{"name":"bucket-bucket-b"},"status":{"resources":["s3-storage-bytes"]}}""");

        Assert.Null(bare.Status!.Amount(WorkloadStatus.StorageBytes));
        Assert.Equal("status.resources has a value of an unexpected type", odd.Status!.Problem);
        Assert.Null(odd.Status.Amount(WorkloadStatus.StorageBytes));
    }

    [Theory]
    [InlineData("bucket-bucket-photos", "photos")]
    [InlineData("bucket-bucket-", null)]
    [InlineData("bucket-photos", null)]
    [InlineData("pod-web-0", null)]
    [InlineData(null, null)]
    public void Only_bucket_workloads_name_a_bucket(string? name, string? bucket) => Assert.Equal(bucket, Workload.BucketOf(name));
}
