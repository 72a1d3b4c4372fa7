using System.Text.Json.Nodes;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using k8s;

namespace HikubePortal.PlatformTests.KubernetesTests;

public sealed class BucketCrudTests
{
    [Fact]
    public async Task Bucket_create_get_patch_status_patch_list_and_delete()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var buckets = tenant.Admin.Buckets;
        var name = LocalPlatform.UniqueName("b");

        var created = await buckets.CreateAsync(tenant.NewBucket(name, new BucketSpec
        {
            Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess, ["viewer"] = BucketUser.ReadOnlyAccess },
            StoragePool = "",
        }), null, default);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(BucketPhase.Provisioning, created.State.Phase);

        var read = await buckets.GetAsync(tenant.Namespace, name, null, default);
        Assert.True(read.Users["viewer"].Readonly);
        Assert.False(read.Users["admin"].Readonly);
        Assert.False(read.Spec!.Locking);

        var patched = await buckets.PatchAsync(tenant.Namespace, name,
            new { spec = new { users = new Dictionary<string, object?> { ["ci"] = new { @readonly = true }, ["viewer"] = null } } }, null, default);
        Assert.Equal(["admin", "ci"], patched.Users.Keys.Order());

        var withStatus = await buckets.PatchStatusAsync(tenant.Namespace, name, new
        {
            status = new
            {
                version = "0.2.0",
                conditions = new[] { new Condition { Type = "Ready", Status = "False", Reason = "InstallFailed", Message = "quota exceeded", LastTransitionTime = DateTimeOffset.UtcNow } },
            },
        }, default);
        Assert.Equal("0.2.0", withStatus.Status!.Version);
        Assert.Equal("Failed: InstallFailed: quota exceeded", withStatus.State.Describe());
        Assert.Equal(["admin", "ci"], withStatus.Users.Keys.Order()); // the status patch left the spec alone

        var list = await buckets.ListAsync(tenant.Namespace, null, default);
        Assert.Equal([name], list.Items.Select(b => b.Name));

        Assert.True(await buckets.DeleteAsync(tenant.Namespace, name, null, default, uid: created.Metadata.Uid));
        Assert.Null(await buckets.FindAsync(tenant.Namespace, name, null, default));
        Assert.False(await buckets.DeleteAsync(tenant.Namespace, name, null, default));
    }

    [Fact]
    public async Task Typed_errors_NotFound_AlreadyExists_and_Conflict()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var buckets = tenant.Admin.Buckets;
        var name = LocalPlatform.UniqueName("b");

        var notFound = await Assert.ThrowsAsync<KubernetesNotFoundException>(() => buckets.GetAsync(tenant.Namespace, name, null, default));
        Assert.Equal(404, notFound.StatusCode);

        var created = await buckets.CreateAsync(tenant.NewBucket(name), null, default);
        var exists = await Assert.ThrowsAsync<KubernetesAlreadyExistsException>(() => buckets.CreateAsync(tenant.NewBucket(name), null, default));
        Assert.Equal("AlreadyExists", exists.Reason);

        await buckets.PatchAsync(tenant.Namespace, name, new { spec = new { storagePool = "p2" } }, null, default);
        var stale = await Assert.ThrowsAsync<KubernetesConflictException>(() => buckets.PatchAsync(tenant.Namespace, name,
            new { metadata = new { resourceVersion = created.Metadata.ResourceVersion }, spec = new { storagePool = "p3" } }, null, default));
        Assert.Equal("Conflict", stale.Reason);

        await Assert.ThrowsAsync<KubernetesConflictException>(() => buckets.DeleteAsync(tenant.Namespace, name, null, default, uid: Guid.NewGuid().ToString()));
        Assert.NotNull(await buckets.FindAsync(tenant.Namespace, name, null, default));
    }

    [Fact]
    public async Task The_crd_schema_rejects_bad_fields_with_field_causes()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var bad = new JsonObject
        {
            ["apiVersion"] = Bucket.Resource.ApiVersion,
            ["kind"] = "Bucket",
            ["metadata"] = new JsonObject { ["name"] = LocalPlatform.UniqueName("b"), ["namespace"] = tenant.Namespace },
            ["spec"] = JsonNode.Parse("""{"users":{"admin":{"readonly":"yes"}},"locking":"sometimes"}"""),
        };

        var invalid = await Assert.ThrowsAsync<KubernetesInvalidException>(() => ClusterCall.RunAsync("create buckets",
            ct => tenant.Admin.Kube.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(
                bad, Bucket.Group, Bucket.Version, tenant.Namespace, Bucket.Resource.Plural, cancellationToken: ct), default));

        Assert.Equal(422, invalid.StatusCode);
        Assert.Contains("spec.users.admin.readonly", invalid.FieldErrors.Keys);
        Assert.Contains("spec.locking", invalid.FieldErrors.Keys);
    }

    [Fact]
    public async Task The_platform_refuses_names_longer_than_46_characters()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var name = "b" + new string('x', 46);
        Assert.NotNull(BucketNames.ValidateBucketName(name));

        var invalid = await Assert.ThrowsAsync<KubernetesInvalidException>(() => tenant.Admin.Buckets.CreateAsync(tenant.NewBucket(name), null, default));

        Assert.Contains("metadata.name", invalid.FieldErrors.Keys);
    }

    [Fact]
    public async Task Secrets_round_trip_binary_data_and_their_errors_hold_no_values()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var cluster = tenant.Admin;
        var name = LocalPlatform.UniqueName("s");
        var value = "sécret/+=\u0001value";

        await cluster.CreateSecretAsync(SecretValues.FromStrings(tenant.Namespace, name,
            new Dictionary<string, string> { ["secretKey"] = value }, labels: new Dictionary<string, string> { ["apps.cozystack.io/user-secret"] = "true" }));
        var read = await cluster.GetSecretAsync(tenant.Namespace, name);
        Assert.Equal(value, read.GetString("secretKey"));
        Assert.Equal("true", read.Metadata.Labels!["apps.cozystack.io/user-secret"]);

        var invalid = await Assert.ThrowsAsync<KubernetesInvalidException>(() => cluster.CreateSecretAsync(
            SecretValues.FromStrings(tenant.Namespace, LocalPlatform.UniqueName("s"), new Dictionary<string, string> { ["bad key!"] = "hunter2-value" })));
        Assert.DoesNotContain("hunter2", invalid.Message, StringComparison.Ordinal);
        Assert.Contains(invalid.Causes, c => c.Field is not null && c.Field.StartsWith("data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_credentials_reader_reads_a_secret_written_as_cozystack_does()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.CreateSecretAsync(SecretValues.FromStrings(tenant.Namespace, "bucket-photos-admin-credentials",
            new Dictionary<string, string> { ["accessKey"] = "AK1", ["secretKey"] = "SK1", ["endpoint"] = "127.0.0.1:7480", ["bucketName"] = "bucket-uid-1" }));

        var source = new KubernetesSecretSource(tenant.Admin.Kube);
        var result = await BucketCredentialsReader.ReadAsync(source, tenant.Namespace, "photos", "admin", CancellationToken.None);
        var missing = await BucketCredentialsReader.ReadAsync(source, tenant.Namespace, "photos", "other", CancellationToken.None);

        Assert.Equal(new Uri("https://127.0.0.1:7480"), result.Credentials!.Endpoint);
        Assert.Equal(CredentialFormat.CozystackUserCredentials, result.Credentials.Format);
        Assert.Equal(CredentialsOutcome.NotIssuedYet, missing.Outcome);
    }
}
