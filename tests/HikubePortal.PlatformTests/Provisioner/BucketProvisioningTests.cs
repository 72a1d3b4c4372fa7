using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Provisioner.Provisioning;

namespace HikubePortal.PlatformTests.Provisioner;

/// <summary>
/// The provisioner against the real platform (kube-apiserver + radosgw), through the path the product
/// uses: Buckets without a class label, handled by the platform's provisioner process.
/// </summary>
public sealed class BucketProvisioningTests(DefaultProvisionerFixture provisioner) : IClassFixture<DefaultProvisionerFixture>
{
    /// <summary>The HTTP status of an S3 call, with radosgw's error code when it failed (e.g. <c>Forbidden AccessDenied</c>).</summary>
    private static async Task<string> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "OK";
        }
        catch (AmazonS3Exception e)
        {
            return $"{e.StatusCode} {e.ErrorCode}";
        }
    }

    private const string Denied = "Forbidden AccessDenied";

    // A plain signed PUT, as browsers and the portal's presigned URLs send it. (With aws-chunked streaming
    // uploads radosgw 16 answers a denied PUT with 400 instead of 403 AccessDenied.)
    private static Task<PutObjectResponse> PutAsync(AmazonS3Client s3, string bucket, string key, string body = "hello") =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = body, UseChunkEncoding = false });

    /// <summary>
    /// A call with a body expected to be refused, on a connection of its own: radosgw 16 refuses it before reading the
    /// body and then reads those body bytes as the start of the next request on the same connection.
    /// </summary>
    private static async Task<string> RefusedAsync(BucketTestContext context, BucketCredentials credentials, Func<AmazonS3Client, Task> call)
    {
        using var once = context.S3For(credentials, ownConnections: true);
        return await StatusOfAsync(() => call(once));
    }

    private static async Task<string> ReadAsync(AmazonS3Client s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task A_bucket_with_a_writer_and_a_reader_becomes_ready_with_the_cozystack_secrets()
    {
        await using var context = await BucketTestContext.CreateAsync();
        var created = await context.CreateBucketAsync("data", BucketTestContext.Users(("admin", false), ("viewer", true)));

        var bucket = await context.WaitReadyAsync("data");

        var uid = created.Metadata.Uid!;
        Assert.Contains(BucketNaming.Finalizer, bucket.Metadata.Finalizers!);
        Assert.Equal("True", bucket.Status!.Find("Released")!.Status);
        Assert.False(string.IsNullOrEmpty(bucket.Status.Version));
        Assert.True(await context.S3BucketExistsAsync($"bucket-{uid}"), provisioner.Where);
        foreach (var user in new[] { "admin", "viewer" })
        {
            var info = (await context.SecretAsync($"bucket-data-{user}"))!;
            var credentials = (await context.SecretAsync($"bucket-data-{user}-credentials"))!;
            Assert.Equal(["BucketInfo"], info.Keys());
            Assert.Equal(["accessKey", "bucketName", "endpoint", "secretKey"], credentials.Keys().Order(StringComparer.Ordinal));
            Assert.Equal("true", credentials.Metadata.Labels![BucketNaming.UserSecretLabel]);
            Assert.False(info.Metadata.Labels!.ContainsKey(BucketNaming.UserSecretLabel));
            foreach (var secret in new[] { info, credentials })
            {
                var owner = Assert.Single(secret.Metadata.OwnerReferences!);
                Assert.Equal(("apps.cozystack.io/v1alpha1", "Bucket", "data", uid, true, true),
                    (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
            }

            using var json = JsonDocument.Parse(info.GetString("BucketInfo")!);
            var spec = json.RootElement.GetProperty("spec");
            Assert.Equal($"bc-{uid}", json.RootElement.GetProperty("metadata").GetProperty("name").GetString());
            Assert.Equal($"bucket-{uid}", spec.GetProperty("bucketName").GetString());
            Assert.Equal("KEY", spec.GetProperty("authenticationType").GetString());
            Assert.Equal(credentials.GetString("accessKey"), spec.GetProperty("secretS3").GetProperty("accessKeyID").GetString());
            Assert.Equal(credentials.GetString("secretKey"), spec.GetProperty("secretS3").GetProperty("accessSecretKey").GetString());
            Assert.Equal(context.Platform.S3Endpoint.TrimEnd('/'), spec.GetProperty("secretS3").GetProperty("endpoint").GetString());
            Assert.Equal(new Uri(context.Platform.S3Endpoint).Authority, credentials.GetString("endpoint"));
            Assert.Equal($"bucket-{uid}", credentials.GetString("bucketName"));
        }

        var admin = await context.CredentialsAsync("data", "admin");
        var viewer = await context.CredentialsAsync("data", "viewer");
        Assert.Equal(CredentialFormat.CozystackUserCredentials, admin.Format);
        Assert.NotEqual(admin.AccessKey, viewer.AccessKey);
        Assert.Equal($"bucket-{uid}", admin.BucketName);
    }

    [Fact]
    public async Task The_writer_may_write_and_delete_and_the_reader_may_only_read()
    {
        await using var context = await BucketTestContext.CreateAsync();
        await context.CreateBucketAsync("rights", BucketTestContext.Users(("writer", false), ("reader", true)));
        await context.WaitReadyAsync("rights");
        var writerCredentials = await context.CredentialsAsync("rights", "writer");
        var bucket = writerCredentials.BucketName;
        var readerCredentials = await context.CredentialsAsync("rights", "reader");
        using var writer = context.S3For(writerCredentials);
        using var reader = context.S3For(readerCredentials);

        await PutAsync(writer, bucket, "docs/a.txt", "from writer");
        Assert.Equal("from writer", await ReadAsync(writer, bucket, "docs/a.txt"));
        Assert.Equal("from writer", await ReadAsync(reader, bucket, "docs/a.txt"));
        Assert.Equal(["docs/a.txt"], (await reader.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects.Select(o => o.Key));
        var upload = await writer.InitiateMultipartUploadAsync(bucket, "big.bin");
        await writer.AbortMultipartUploadAsync(bucket, "big.bin", upload.UploadId);

        Assert.Equal(Denied, await RefusedAsync(context, readerCredentials, s3 => PutAsync(s3, bucket, "docs/b.txt")));
        Assert.Equal(Denied, await StatusOfAsync(() => reader.DeleteObjectAsync(bucket, "docs/a.txt")));
        Assert.Equal(Denied, await StatusOfAsync(() => reader.InitiateMultipartUploadAsync(bucket, "x")));
        Assert.Equal(Denied, await RefusedAsync(context, writerCredentials, s3 => s3.PutBucketPolicyAsync(bucket, """{"Version":"2012-10-17","Statement":[]}""")));
        Assert.Equal(Denied, await StatusOfAsync(() => writer.DeleteBucketAsync(bucket)));
        // radosgw answers ListBuckets with the caller's own buckets: none (Cozystack's store denies it outright).
        Assert.Empty((await writer.ListBucketsAsync()).Buckets ?? []);
        Assert.Equal(Denied, await RefusedAsync(context, writerCredentials, s3 => s3.PutBucketAsync($"{bucket}-mine")));

        await writer.DeleteObjectAsync(bucket, "docs/a.txt");
        Assert.Empty((await reader.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
    }

    [Fact]
    public async Task Credentials_of_another_bucket_cannot_touch_this_one()
    {
        await using var context = await BucketTestContext.CreateAsync();
        await context.CreateBucketAsync("mine", BucketTestContext.Users(("admin", false)));
        await context.CreateBucketAsync("theirs", BucketTestContext.Users(("admin", false)));
        await context.WaitReadyAsync("mine");
        await context.WaitReadyAsync("theirs");
        var mine = await context.CredentialsAsync("mine", "admin");
        using var owner = context.S3For(mine);
        var strangerCredentials = await context.CredentialsAsync("theirs", "admin");
        using var stranger = context.S3For(strangerCredentials);
        await PutAsync(owner, mine.BucketName, "secret.txt");

        Assert.Equal(Denied, await StatusOfAsync(() => ReadAsync(stranger, mine.BucketName, "secret.txt")));
        Assert.Equal(Denied, await StatusOfAsync(() => stranger.ListObjectsV2Async(new ListObjectsV2Request { BucketName = mine.BucketName })));
        Assert.Equal(Denied, await RefusedAsync(context, strangerCredentials, s3 => PutAsync(s3, mine.BucketName, "planted.txt")));
        Assert.Equal(Denied, await StatusOfAsync(() => stranger.DeleteObjectAsync(mine.BucketName, "secret.txt")));
        Assert.Equal("hello", await ReadAsync(owner, mine.BucketName, "secret.txt"));
        Assert.Equal(["secret.txt"], (await owner.ListObjectsV2Async(new ListObjectsV2Request { BucketName = mine.BucketName })).S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task Removing_a_user_revokes_its_key_at_once_and_adding_it_back_issues_new_keys()
    {
        await using var context = await BucketTestContext.CreateAsync();
        await context.CreateBucketAsync("rotate", BucketTestContext.Users(("admin", false), ("app", false)));
        await context.WaitReadyAsync("rotate");
        var old = await context.CredentialsAsync("rotate", "app");
        using (var before = context.S3For(old))
        {
            await PutAsync(before, old.BucketName, "k");
        }

        await context.PatchSpecAsync("rotate", """{"users":{"app":null}}""");
        await context.WaitReadyAsync("rotate");

        Assert.Null(await context.SecretAsync("bucket-rotate-app"));
        Assert.Null(await context.SecretAsync("bucket-rotate-app-credentials"));
        using (var revoked = context.S3For(old))
        {
            var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => ReadAsync(revoked, old.BucketName, "k"));
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
            Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
        }

        using (var admin = context.S3For(await context.CredentialsAsync("rotate", "admin")))
        {
            Assert.Equal("hello", await ReadAsync(admin, old.BucketName, "k"));
        }

        await context.PatchSpecAsync("rotate", """{"users":{"app":{}}}""");
        await context.WaitReadyAsync("rotate");
        var renewed = await context.CredentialsAsync("rotate", "app");

        Assert.NotEqual(old.AccessKey, renewed.AccessKey);
        Assert.NotEqual(old.SecretKey, renewed.SecretKey);
        using var after = context.S3For(renewed);
        Assert.Equal("hello", await ReadAsync(after, renewed.BucketName, "k"));
    }

    [Fact]
    public async Task A_locking_bucket_has_compliance_object_lock_and_still_goes_with_its_bucket()
    {
        await using var context = await BucketTestContext.CreateAsync();
        var created = await context.CreateBucketAsync("vault", BucketTestContext.Users(("admin", false)) with { Locking = true });
        await context.WaitReadyAsync("vault");
        var credentials = await context.CredentialsAsync("vault", "admin");
        using var s3 = context.S3For(credentials);

        var config = (await context.AdminS3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = credentials.BucketName })).ObjectLockConfiguration;
        Assert.Equal(ObjectLockEnabled.Enabled, config.ObjectLockEnabled);
        Assert.Equal(ObjectLockRetentionMode.Compliance, config.Rule.DefaultRetention.Mode);
        Assert.Equal(365, config.Rule.DefaultRetention.Days);
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = credentials.BucketName, Key = "locked.txt", ContentBody = "keep", UseChunkEncoding = false });
        Assert.Equal(Denied, await StatusOfAsync(() =>
            s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = credentials.BucketName, Key = "locked.txt", VersionId = put.VersionId })));

        await context.DeleteBucketAsync("vault");

        Assert.False(await context.S3BucketExistsAsync($"bucket-{created.Metadata.Uid}"));
    }

    [Fact]
    public async Task Deleting_the_bucket_removes_the_s3_bucket_with_its_objects_the_keys_and_the_secrets()
    {
        await using var context = await BucketTestContext.CreateAsync();
        var created = await context.CreateBucketAsync("doomed", BucketTestContext.Users(("admin", false), ("viewer", true)));
        await context.WaitReadyAsync("doomed");
        var admin = await context.CredentialsAsync("doomed", "admin");
        var viewer = await context.CredentialsAsync("doomed", "viewer");
        using (var s3 = context.S3For(admin))
        {
            for (var i = 0; i < 5; i++)
            {
                await PutAsync(s3, admin.BucketName, $"f/{i}.txt");
            }
        }

        await context.DeleteBucketAsync("doomed");

        Assert.False(await context.S3BucketExistsAsync($"bucket-{created.Metadata.Uid}"));
        var secrets = await context.Kube.ListSecretsAsync(context.Namespace);
        Assert.DoesNotContain(secrets.Items, s => s.Metadata.Labels?.TryGetValue(BucketNaming.BucketLabel, out var b) == true && b == "doomed");
        foreach (var name in new[] { "bucket-doomed-admin", "bucket-doomed-admin-credentials", "bucket-doomed-viewer", "bucket-doomed-viewer-credentials" })
        {
            Assert.Null(await context.SecretAsync(name));
        }

        foreach (var gone in new[] { admin, viewer })
        {
            using var s3 = context.S3For(gone);
            var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = gone.BucketName }));
            Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
        }
    }

    [Fact]
    public async Task An_invalid_user_name_is_reported_in_the_status_and_fixing_it_makes_the_bucket_ready()
    {
        await using var context = await BucketTestContext.CreateAsync();
        await context.CreateBucketAsync("odd", BucketTestContext.Users(("Bad_Name", false)));

        var failed = await context.WaitForAsync("odd", b => b?.Status?.Find("Ready") is { IsFalse: true }, "not ready");

        var ready = failed!.Status!.Find("Ready")!;
        Assert.Equal("InvalidSpec", ready.Reason);
        Assert.Contains("Bad_Name", ready.Message, StringComparison.Ordinal);
        Assert.Equal(BucketPhase.Failed, failed.State.Phase);

        await context.PatchSpecAsync("odd", """{"users":{"Bad_Name":null,"good":{}}}""");
        await context.WaitReadyAsync("odd");
        Assert.NotNull(await context.SecretAsync("bucket-odd-good-credentials"));
    }

    [Fact]
    public async Task A_bucket_without_users_is_ready_with_no_credentials()
    {
        await using var context = await BucketTestContext.CreateAsync();
        var created = await context.CreateBucketAsync("bare", new BucketSpec());

        await context.WaitReadyAsync("bare");

        Assert.True(await context.S3BucketExistsAsync($"bucket-{created.Metadata.Uid}"));
        var result = await BucketCredentialsReader.ReadAsync(new KubernetesSecretSource(context.Kube.Kube), context.Namespace, "bare", null, CancellationToken.None);
        Assert.Equal(CredentialsOutcome.NotIssuedYet, result.Outcome);
    }

    [Fact]
    public async Task A_bucket_gets_no_cors_rule_and_its_read_write_user_may_add_one_unless_the_platform_refuses()
    {
        await using var context = await BucketTestContext.CreateAsync();
        await context.CreateBucketAsync("web", BucketTestContext.Users(("admin", false)));
        var refused = Bucket.Create(context.Namespace, "kept", BucketTestContext.Users(("admin", false)));
        refused.Metadata.Labels = new Dictionary<string, string> { [BucketNaming.CorsChangesLabel] = "refused" };
        if (context.Class is not null)
        {
            refused.Metadata.Labels[BucketNaming.ClassLabel] = context.Class;
        }
        await context.Kube.Buckets.CreateAsync(refused, null, default);
        await context.WaitReadyAsync("web");
        await context.WaitReadyAsync("kept");
        var rule = new CORSRule { AllowedOrigins = ["http://127.0.0.1:5000"], AllowedMethods = ["PUT"], AllowedHeaders = ["*"], ExposeHeaders = ["ETag"] };

        var web = await context.CredentialsAsync("web", "admin");
        using var writer = context.S3For(web);
        var none = await Assert.ThrowsAsync<AmazonS3Exception>(() => writer.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = web.BucketName }));
        Assert.Equal("NoSuchCORSConfiguration", none.ErrorCode);
        await writer.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = web.BucketName, Configuration = new CORSConfiguration { Rules = [rule] } });
        var stored = await writer.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = web.BucketName });
        Assert.Equal(["http://127.0.0.1:5000"], Assert.Single(stored.Configuration.Rules).AllowedOrigins);

        var kept = await context.CredentialsAsync("kept", "admin");
        using var refusedWriter = context.S3For(kept);
        var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => refusedWriter.PutCORSConfigurationAsync(
            new PutCORSConfigurationRequest { BucketName = kept.BucketName, Configuration = new CORSConfiguration { Rules = [rule] } }));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
