using System.Text;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using k8s.Models;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class BucketCredentialsReaderTests
{
    // The exact BucketInfo of the reference (section 3) and of seed 002 (Hikube 2.0.2 docs).
    private const string DocumentedBucketInfo = """
        {"metadata":{"name":"bc-254505e2-1f26-4f47-bf75-42faae918531","creationTimestamp":null},
         "spec":{"bucketName":"bucket-1df67984-321d-492d-bb06-2f4527bb0f5b","authenticationType":"KEY",
          "secretS3":{"endpoint":"https://prod.s3.hikube.cloud","region":"",
                      "accessKeyID":"UYL5FFZ0GWTQ4LCN4AI0","accessSecretKey":"L1ZJy67a2PKdOmKqjeuTWQd/4HjJVMJdxnEX4ewq"},
          "secretAzure":null,"protocols":["s3"]}}
        """;

    private const string AccessKey = "UYL5FFZ0GWTQ4LCN4AI0";
    private const string SecretKey = "L1ZJy67a2PKdOmKqjeuTWQd/4HjJVMJdxnEX4ewq";
    private const string RealBucket = "bucket-1df67984-321d-492d-bb06-2f4527bb0f5b";

    private static V1Secret Make(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "tenant-acme" },
        Type = "Opaque",
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };

    // What the Cozystack chart writes (>= 1.1 per user; <= 1.0 per bucket): the endpoint has its scheme trimmed.
    private static V1Secret CozystackCredentials(string name) => Make(name,
        ("accessKey", AccessKey), ("secretKey", SecretKey), ("endpoint", "prod.s3.hikube.cloud"), ("bucketName", RealBucket));

    private static Task<BucketCredentialsResult> ReadAsync(FakeSecrets secrets, string? user = "admin") =>
        BucketCredentialsReader.ReadAsync(secrets, "tenant-acme", "backups", user, CancellationToken.None);

    private static void AssertDocumentedCredentials(BucketCredentialsResult result, CredentialFormat format, string secretName)
    {
        Assert.Equal(CredentialsOutcome.Issued, result.Outcome);
        var credentials = result.Credentials!;
        Assert.Equal(AccessKey, credentials.AccessKey);
        Assert.Equal(SecretKey, credentials.SecretKey);
        Assert.Equal(new Uri("https://prod.s3.hikube.cloud"), credentials.Endpoint);
        Assert.Equal("us-east-1", credentials.Region);
        Assert.Equal(RealBucket, credentials.BucketName);
        Assert.Equal(format, credentials.Format);
        Assert.Equal(secretName, credentials.SecretName);
    }

    [Fact]
    public async Task Cozystack_1_1_user_credentials_secret()
    {
        var secrets = new FakeSecrets(CozystackCredentials("bucket-backups-admin-credentials"), Make("bucket-backups-admin", ("BucketInfo", DocumentedBucketInfo)));

        AssertDocumentedCredentials(await ReadAsync(secrets), CredentialFormat.CozystackUserCredentials, "bucket-backups-admin-credentials");
        Assert.Equal(["bucket-backups-admin-credentials"], secrets.Asked);
    }

    [Fact]
    public async Task Cosi_bucket_info_of_the_user_when_the_credentials_secret_is_missing()
    {
        var secrets = new FakeSecrets(Make("bucket-backups-admin", ("BucketInfo", DocumentedBucketInfo)));

        AssertDocumentedCredentials(await ReadAsync(secrets), CredentialFormat.CosiUserBucketInfo, "bucket-backups-admin");
    }

    [Fact]
    public async Task Cosi_bucket_info_of_the_bucket_as_in_the_hikube_2_docs()
    {
        var secrets = new FakeSecrets(Make("bucket-backups", ("BucketInfo", DocumentedBucketInfo)));

        AssertDocumentedCredentials(await ReadAsync(secrets, user: null), CredentialFormat.CosiBucketInfo, "bucket-backups");
        Assert.Equal(["bucket-backups"], secrets.Asked);
    }

    [Fact]
    public async Task Cozystack_1_0_bucket_credentials_secret()
    {
        var secrets = new FakeSecrets(CozystackCredentials("bucket-backups-credentials"));

        AssertDocumentedCredentials(await ReadAsync(secrets), CredentialFormat.LegacyCredentials, "bucket-backups-credentials");
        Assert.Equal(["bucket-backups-admin-credentials", "bucket-backups-admin", "bucket-backups", "bucket-backups-credentials"], secrets.Asked);
    }

    [Fact]
    public async Task Hikube_3_credentials_with_bucket_info_json()
    {
        var secrets = new FakeSecrets(Make("backups-credentials",
            ("accessKeyID", AccessKey), ("accessSecretKey", SecretKey), ("bucketInfo", DocumentedBucketInfo)));

        AssertDocumentedCredentials(await ReadAsync(secrets), CredentialFormat.HikubeCredentials, "backups-credentials");
    }

    [Fact]
    public async Task Hikube_3_credentials_with_a_flat_bucket_info_of_endpoint_protocol_and_port()
    {
        var secrets = new FakeSecrets(Make("backups-credentials",
            ("accessKeyID", AccessKey), ("accessSecretKey", SecretKey),
            ("bucketInfo", """{"endpoint":"prod.s3.hikube.cloud","protocol":"https","port":8443,"bucketName":"bucket-xyz"}""")));

        var credentials = (await ReadAsync(secrets)).Credentials!;

        Assert.Equal(new Uri("https://prod.s3.hikube.cloud:8443"), credentials.Endpoint);
        Assert.Equal("bucket-xyz", credentials.BucketName);
        Assert.Equal(SecretKey, credentials.SecretKey);
    }

    [Fact]
    public async Task The_probe_order_prefers_the_newest_format()
    {
        var secrets = new FakeSecrets(
            CozystackCredentials("backups-credentials"),
            CozystackCredentials("bucket-backups-credentials"),
            Make("bucket-backups", ("BucketInfo", DocumentedBucketInfo)),
            Make("bucket-backups-admin", ("BucketInfo", DocumentedBucketInfo)));

        Assert.Equal(CredentialFormat.CosiUserBucketInfo, (await ReadAsync(secrets)).Credentials!.Format);
    }

    [Fact]
    public async Task No_secret_at_all_is_not_issued_yet()
    {
        var result = await ReadAsync(new FakeSecrets());

        Assert.Equal(CredentialsOutcome.NotIssuedYet, result.Outcome);
        Assert.Null(result.Credentials);
        Assert.False(result.IsIssued);
    }

    [Theory]
    [InlineData("prod.s3.hikube.cloud", "https://prod.s3.hikube.cloud/")]
    [InlineData("http://127.0.0.1:7480", "http://127.0.0.1:7480/")]
    [InlineData("https://s3.example.com/", "https://s3.example.com/")]
    [InlineData(" s3.example.com:9000 ", "https://s3.example.com:9000/")]
    public async Task Endpoints_become_absolute(string endpoint, string expected)
    {
        var secrets = new FakeSecrets(Make("bucket-backups-admin-credentials",
            ("accessKey", "AK"), ("secretKey", "SK"), ("endpoint", endpoint), ("bucketName", "bucket-1")));

        Assert.Equal(expected, (await ReadAsync(secrets)).Credentials!.Endpoint.ToString());
    }

    [Fact]
    public async Task A_given_region_is_kept()
    {
        var info = DocumentedBucketInfo.Replace("\"region\":\"\"", "\"region\":\"ch-gva-2\"", StringComparison.Ordinal);
        var secrets = new FakeSecrets(Make("bucket-backups-admin", ("BucketInfo", info)));

        Assert.Equal("ch-gva-2", (await ReadAsync(secrets)).Credentials!.Region);
    }

    public static TheoryData<string, (string, string)[], string> MalformedSecrets => new()
    {
        { "bucket-backups-admin", [("BucketInfo", "{not json")], "not valid JSON" },
        { "bucket-backups-admin", [("BucketInfo", "[1,2]")], "not a JSON object" },
        { "bucket-backups-admin", [("BucketInfo", """{"spec":{"bucketName":"b","authenticationType":"IAM"}}""")], "authenticationType IAM" },
        { "bucket-backups-admin-credentials", [("accessKey", "AK"), ("endpoint", "e"), ("bucketName", "b")], "no secret key" },
        { "bucket-backups-admin-credentials", [("accessKey", "AK"), ("secretKey", "SK-VALUE"), ("bucketName", "b")], "no endpoint" },
        { "bucket-backups-admin-credentials", [("accessKey", "AK"), ("secretKey", "SK-VALUE"), ("endpoint", "ftp://host"), ("bucketName", "b")], "not an http(s) address" },
        { "backups-credentials", [("accessKeyID", "AK"), ("accessSecretKey", "SK-VALUE"), ("bucketInfo", """{"endpoint":"s3.example.com","protocol":"https","port":443}""")], "no bucket name" },
    };

    [Theory]
    [MemberData(nameof(MalformedSecrets))]
    public async Task Unreadable_secrets_are_malformed_with_a_reason_that_shows_no_value(string name, (string, string)[] data, string problem)
    {
        var result = await ReadAsync(new FakeSecrets(Make(name, data)));

        Assert.Equal(CredentialsOutcome.Malformed, result.Outcome);
        Assert.Equal(name, result.SecretName);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SK-VALUE", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_newer_secret_does_not_hide_a_good_older_one()
    {
        var secrets = new FakeSecrets(
            Make("bucket-backups-admin-credentials", ("accessKey", "AK")),
            Make("bucket-backups-admin", ("BucketInfo", DocumentedBucketInfo)));

        Assert.Equal(CredentialFormat.CosiUserBucketInfo, (await ReadAsync(secrets)).Credentials!.Format);
    }

    [Fact]
    public async Task Forbidden_on_the_primary_secret_is_raised_but_not_on_fallbacks()
    {
        var denied = new FakeSecrets { Forbidden = { "bucket-backups-admin-credentials" } };
        await Assert.ThrowsAsync<KubernetesForbiddenException>(() => ReadAsync(denied));

        var fallbacksDenied = new FakeSecrets(CozystackCredentials("bucket-backups-credentials")) { Forbidden = { "bucket-backups-admin", "bucket-backups" } };
        Assert.Equal(CredentialFormat.LegacyCredentials, (await ReadAsync(fallbacksDenied)).Credentials!.Format);
    }

    [Fact]
    public async Task The_secret_key_never_appears_in_ToString()
    {
        var credentials = (await ReadAsync(new FakeSecrets(CozystackCredentials("bucket-backups-admin-credentials")))).Credentials!;

        Assert.DoesNotContain(SecretKey, credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains(AccessKey, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, new BucketCredentialsResult(CredentialsOutcome.Issued, credentials).ToString(), StringComparison.Ordinal);
    }

    private sealed class FakeSecrets(params V1Secret[] secrets) : ISecretSource
    {
        public List<string> Asked { get; } = [];

        public HashSet<string> Forbidden { get; } = [];

        public Task<V1Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken)
        {
            Asked.Add(name);
            Assert.Equal("tenant-acme", ns);
            if (Forbidden.Contains(name))
            {
                throw new KubernetesForbiddenException($"secrets \"{name}\" is forbidden");
            }
            return Task.FromResult(secrets.FirstOrDefault(s => s.Metadata.Name == name));
        }
    }
}
