using System.Text;
using HikubePortal.Kubernetes.Cozystack;
using k8s;
using k8s.Models;
using HikubePortal.Provisioner.Provisioning;
using HikubePortal.Provisioner.Radosgw;

namespace HikubePortal.UnitTests.Provisioner;

public sealed class SecretWriterTests
{
    private const string Uid = "1df67984-321d-492d-bb06-2f4527bb0f5b";

    private static readonly Bucket Backups = new()
    {
        Metadata = new V1ObjectMeta { Name = "backups", NamespaceProperty = "tenant-acme", Uid = Uid, Generation = 1 },
        Spec = new BucketSpec { Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess } },
    };

    private static readonly UserAccess Access = new(
        $"bucket-{Uid}", $"bc-{Uid}", new Uri("http://127.0.0.1:7480"), new RgwKey($"bucket-{Uid}-admin", "AK1", "SK1"));

    [Fact]
    public void A_user_gets_the_cosi_secret_and_the_credentials_secret_both_owned_by_the_bucket()
    {
        var secrets = SecretWriter.Desired(Backups, "admin", Access);

        Assert.Equal(["bucket-backups-admin", "bucket-backups-admin-credentials"], secrets.Select(s => s.Metadata.Name));
        Assert.All(secrets, s =>
        {
            Assert.Equal("tenant-acme", s.Metadata.NamespaceProperty);
            Assert.Equal("Opaque", s.Type);
            var owner = Assert.Single(s.Metadata.OwnerReferences!);
            Assert.Equal(("apps.cozystack.io/v1alpha1", "Bucket", "backups", Uid, true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
            Assert.Equal("backups", s.Metadata.Labels!["hikube.cloud/bucket"]);
            Assert.Equal("admin", s.Metadata.Labels!["hikube.cloud/bucket-user"]);
        });
        Assert.Equal(["BucketInfo"], secrets[0].Keys());
        Assert.False(secrets[0].Metadata.Labels!.ContainsKey("apps.cozystack.io/user-secret"));
        Assert.Equal("true", secrets[1].Metadata.Labels!["apps.cozystack.io/user-secret"]);
        Assert.Equal("127.0.0.1:7480", secrets[1].GetString("endpoint"));
        Assert.Equal("SK1", secrets[1].GetString("secretKey"));
    }

    [Fact]
    public void What_the_cluster_stored_is_up_to_date_even_with_extra_labels_and_owners()
    {
        var desired = SecretWriter.Desired(Backups, "admin", Access)[1];
        var stored = Copy(desired, s =>
        {
            s.Metadata.ResourceVersion = "42";
            s.Metadata.Labels["team"] = "x";
        });

        Assert.True(SecretWriter.UpToDate(stored, desired));
    }

    [Fact]
    public void A_changed_key_a_missing_label_or_another_owner_is_not_up_to_date()
    {
        var desired = SecretWriter.Desired(Backups, "admin", Access)[1];

        var rotated = Copy(desired, s => s.Data["secretKey"] = Encoding.UTF8.GetBytes("other"));
        var extraKey = Copy(desired, s => s.Data["more"] = [1]);
        var unlabelled = Copy(desired, s => s.Metadata.Labels = new Dictionary<string, string>());
        var orphan = Copy(desired, s => s.Metadata.OwnerReferences = null);

        Assert.False(SecretWriter.UpToDate(rotated, desired));
        Assert.False(SecretWriter.UpToDate(extraKey, desired));
        Assert.False(SecretWriter.UpToDate(unlabelled, desired));
        Assert.False(SecretWriter.UpToDate(orphan, desired));
    }

    [Fact]
    public void Only_unowned_secrets_or_those_of_an_earlier_bucket_of_the_same_name_are_taken_over()
    {
        var desired = SecretWriter.Desired(Backups, "admin", Access)[1];
        var owner = desired.Metadata.OwnerReferences![0];
        V1Secret With(params V1OwnerReference[] owners) => Copy(desired, s => s.Metadata.OwnerReferences = owners);
        V1OwnerReference Like(Action<V1OwnerReference> change)
        {
            var copy = KubernetesJson.Deserialize<V1OwnerReference>(KubernetesJson.Serialize(owner));
            change(copy);
            return copy;
        }

        Assert.True(SecretWriter.MayTakeOver(With(), owner));
        Assert.True(SecretWriter.MayTakeOver(With(owner), owner));
        Assert.True(SecretWriter.MayTakeOver(With(Like(o => o.Uid = "an-earlier-uid")), owner));
        Assert.False(SecretWriter.MayTakeOver(With(Like(o => (o.Uid, o.Name) = ("x", "other-bucket"))), owner));
        Assert.False(SecretWriter.MayTakeOver(With(Like(o => (o.Uid, o.Kind, o.ApiVersion) = ("x", "Deployment", "apps/v1"))), owner));
    }

    [Fact]
    public void The_user_of_a_secret_comes_from_its_label()
    {
        var secret = SecretWriter.Desired(Backups, "admin", Access)[0];

        Assert.Equal("admin", SecretWriter.UserOf(secret));
        Assert.Null(SecretWriter.UserOf(new V1Secret()));
    }

    private static V1Secret Copy(V1Secret secret, Action<V1Secret> change)
    {
        var copy = KubernetesJson.Deserialize<V1Secret>(KubernetesJson.Serialize(secret));
        change(copy);
        return copy;
    }
}
