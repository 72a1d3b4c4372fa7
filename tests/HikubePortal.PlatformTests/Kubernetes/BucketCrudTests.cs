using System.Text.Json;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Models;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.KubernetesTests;

public sealed class BucketCrudTests
{
    [Fact]
    public async Task Bucket_create_get_patch_status_patch_list_and_delete()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var client = tenant.Admin;
        var name = LocalPlatform.UniqueName("b");

        var created = await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket(name, new BucketSpec
        {
            Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess, ["viewer"] = BucketUser.ReadOnlyAccess },
            StoragePool = "",
        }));
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(BucketPhase.Provisioning, created.State.Phase);

        var read = await client.GetAsync<Bucket>(Bucket.Resource, tenant.Namespace, name);
        Assert.True(read.Users["viewer"].Readonly);
        Assert.False(read.Users["admin"].Readonly);
        Assert.False(read.Spec!.Locking);

        var patched = await client.PatchAsync<Bucket>(Bucket.Resource, tenant.Namespace, name,
            new { spec = new { users = new Dictionary<string, object?> { ["ci"] = new { @readonly = true }, ["viewer"] = null } } });
        Assert.Equal(["admin", "ci"], patched.Users.Keys.Order());

        var withStatus = await client.PatchStatusAsync<Bucket>(Bucket.Resource, tenant.Namespace, name, new
        {
            status = new
            {
                version = "0.2.0",
                conditions = new[] { new Condition { Type = "Ready", Status = "False", Reason = "InstallFailed", Message = "quota exceeded", LastTransitionTime = DateTimeOffset.UtcNow } },
            },
        });
        Assert.Equal("0.2.0", withStatus.Status!.Version);
        Assert.Equal("Failed: InstallFailed: quota exceeded", withStatus.State.Describe());
        Assert.Equal(["admin", "ci"], withStatus.Users.Keys.Order()); // the status patch left the spec alone

        var list = await client.ListAsync<Bucket>(Bucket.Resource, tenant.Namespace);
        Assert.Equal([name], list.Items.Select(b => b.Name));

        await client.DeleteAsync(Bucket.Resource, tenant.Namespace, name, new DeleteOptions
        {
            PreconditionUid = created.Metadata.Uid,
            PropagationPolicy = PropagationPolicy.Background,
        });
        Assert.Null(await client.TryGetAsync<Bucket>(Bucket.Resource, tenant.Namespace, name));
    }

    [Fact]
    public async Task Typed_errors_NotFound_AlreadyExists_and_Conflict()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var client = tenant.Admin;
        var name = LocalPlatform.UniqueName("b");

        var notFound = await Assert.ThrowsAsync<KubernetesNotFoundException>(() => client.GetAsync<Bucket>(Bucket.Resource, tenant.Namespace, name));
        Assert.Equal(404, notFound.StatusCode);

        var created = await client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket(name));
        var exists = await Assert.ThrowsAsync<KubernetesAlreadyExistsException>(() =>
            client.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket(name)));
        Assert.Equal("AlreadyExists", exists.Reason);

        await client.PatchAsync<Bucket>(Bucket.Resource, tenant.Namespace, name, new { spec = new { storagePool = "p2" } });
        var stale = await Assert.ThrowsAsync<KubernetesConflictException>(() =>
            client.PatchAsync<Bucket>(Bucket.Resource, tenant.Namespace, name,
                new { metadata = new { resourceVersion = created.Metadata.ResourceVersion }, spec = new { storagePool = "p3" } }));
        Assert.Equal("Conflict", stale.Reason);

        await Assert.ThrowsAsync<KubernetesConflictException>(() =>
            client.DeleteAsync(Bucket.Resource, tenant.Namespace, name, new DeleteOptions { PreconditionResourceVersion = created.Metadata.ResourceVersion }));
        await Assert.ThrowsAsync<KubernetesConflictException>(() =>
            client.DeleteAsync(Bucket.Resource, tenant.Namespace, name, new DeleteOptions { PreconditionUid = Guid.NewGuid().ToString() }));
        Assert.NotNull(await client.TryGetAsync<Bucket>(Bucket.Resource, tenant.Namespace, name));
    }

    [Fact]
    public async Task The_crd_schema_rejects_bad_fields_with_field_causes()
    {
        await using var tenant = await TestTenant.CreateAsync();
        using var spec = JsonDocument.Parse("""{"users":{"admin":{"readonly":"yes"}},"locking":"sometimes"}""");
        var bad = new GenericObject
        {
            Metadata = new ObjectMeta { Name = LocalPlatform.UniqueName("b"), Namespace = tenant.Namespace },
            Fields = new Dictionary<string, JsonElement> { ["spec"] = spec.RootElement.Clone() },
        };

        var invalid = await Assert.ThrowsAsync<KubernetesInvalidException>(() => tenant.Admin.CreateAsync(Bucket.Resource, tenant.Namespace, bad));

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

        var invalid = await Assert.ThrowsAsync<KubernetesInvalidException>(() =>
            tenant.Admin.CreateAsync(Bucket.Resource, tenant.Namespace, tenant.NewBucket(name)));

        Assert.Contains("metadata.name", invalid.FieldErrors.Keys);
    }

    [Fact]
    public async Task Secrets_round_trip_binary_data_and_their_errors_hold_no_values()
    {
        await using var tenant = await TestTenant.CreateAsync();
        var client = tenant.Admin;
        var name = LocalPlatform.UniqueName("s");
        var value = "sécret/+=\u0001value";

        await client.CreateAsync(ResourceType.Secrets, tenant.Namespace, Secret.FromStrings(tenant.Namespace, name,
            new Dictionary<string, string> { ["secretKey"] = value }, labels: new Dictionary<string, string> { ["apps.cozystack.io/user-secret"] = "true" }));
        var read = await client.GetAsync<Secret>(ResourceType.Secrets, tenant.Namespace, name);
        Assert.Equal(value, read.GetString("secretKey"));
        Assert.Equal("true", read.Metadata.Labels!["apps.cozystack.io/user-secret"]);

        var bySelector = await client.ListAsync<Secret>(ResourceType.Secrets, tenant.Namespace, new ListOptions { LabelSelector = "apps.cozystack.io/user-secret=true" });
        Assert.Equal([name], bySelector.Items.Select(s => s.Metadata.Name));
        var byField = await client.ListAsync<Secret>(ResourceType.Secrets, tenant.Namespace, new ListOptions { FieldSelector = $"metadata.name={name}" });
        Assert.Single(byField.Items);

        var invalid = await Assert.ThrowsAsync<KubernetesInvalidException>(() => client.CreateAsync(ResourceType.Secrets, tenant.Namespace,
            Secret.FromStrings(tenant.Namespace, LocalPlatform.UniqueName("s"), new Dictionary<string, string> { ["bad key!"] = "hunter2-value" })));
        Assert.DoesNotContain("hunter2", invalid.ToString(), StringComparison.Ordinal);
        Assert.Contains(invalid.Causes, c => c.Field is not null && c.Field.StartsWith("data", StringComparison.Ordinal));

        Assert.True(await client.DeleteIfExistsAsync(ResourceType.Secrets, tenant.Namespace, name));
        Assert.False(await client.DeleteIfExistsAsync(ResourceType.Secrets, tenant.Namespace, name));
    }

    [Fact]
    public async Task The_credentials_reader_reads_a_secret_written_as_cozystack_does()
    {
        await using var tenant = await TestTenant.CreateAsync();
        await tenant.Admin.CreateAsync(ResourceType.Secrets, tenant.Namespace, Secret.FromStrings(tenant.Namespace, "bucket-photos-admin-credentials",
            new Dictionary<string, string> { ["accessKey"] = "AK1", ["secretKey"] = "SK1", ["endpoint"] = "127.0.0.1:7480", ["bucketName"] = "bucket-uid-1" }));

        var result = await BucketCredentialsReader.ReadAsync(new KubernetesSecretSource(tenant.Admin), tenant.Namespace, "photos", "admin", CancellationToken.None);
        var missing = await BucketCredentialsReader.ReadAsync(new KubernetesSecretSource(tenant.Admin), tenant.Namespace, "photos", "other", CancellationToken.None);

        Assert.Equal(new Uri("https://127.0.0.1:7480"), result.Credentials!.Endpoint);
        Assert.Equal(CredentialFormat.CozystackUserCredentials, result.Credentials.Format);
        Assert.Equal(CredentialsOutcome.NotIssuedYet, missing.Outcome);
    }
}
