using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;
using HikubePortal.Storage;
using HikubePortal.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>
/// A bucket of its own on the local platform's radosgw (owned by the admin user), an ordinary
/// read-write user and a read-only user granted by a bucket policy (the read-write user may not delete
/// under <c>protected/</c>), and the storage adapter built from its DI registration.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    public const string ProtectedPrefix = "protected/";

    private readonly List<ServiceProvider> _providers = [];

    public string Bucket { get; } = LocalPlatform.UniqueName("st");

    public AmazonS3Client Admin { get; private set; } = null!;

    public BucketAccess ReadWrite { get; private set; } = null!;

    public BucketAccess ReadOnly { get; private set; } = null!;

    public IServiceProvider Services { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public IObjectStorage Storage => Services.GetRequiredService<IObjectStorage>();

    public IObjectUploads Uploads => Services.GetRequiredService<IObjectUploads>();

    public IObjectLinks Links => Services.GetRequiredService<IObjectLinks>();

    public IObjectArchive Archive => Services.GetRequiredService<IObjectArchive>();

    public IBucketDataStorage Data => Services.GetRequiredService<IBucketDataStorage>();

    private static Uri Endpoint => new(LocalPlatform.Current.S3Endpoint);

    /// <summary>A folder prefix no other test uses.</summary>
    public static string NewPrefix() => LocalPlatform.UniqueName("t") + "/";

    public async Task InitializeAsync()
    {
        var platform = LocalPlatform.Current;
        Admin = NewClient(platform.RadosgwAdminAccessKey, platform.RadosgwAdminSecretKey);
        await Admin.PutBucketAsync(Bucket);
        using var admin = NewAdmin();
        var rw = await admin.CreateUserAsync(Bucket + "-rw");
        var ro = await admin.CreateUserAsync(Bucket + "-ro");
        await Admin.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = Bucket, Policy = Policy() });
        ReadWrite = BucketAccess.FromCredentials(rw.AccessKey, rw.SecretKey, platform.S3Endpoint, "", Bucket, readOnly: false);
        ReadOnly = BucketAccess.FromCredentials(ro.AccessKey, ro.SecretKey, platform.S3Endpoint, "", Bucket, readOnly: true);
        Services = CreateServices();
    }

    /// <summary>The adapter as the portal registers it, with optional settings of section ObjectStorage.</summary>
    public IServiceProvider CreateServices(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings?.ToDictionary(p => $"{ObjectStorageOptions.Section}:{p.Key}", p => p.Value) ?? [])
            .Build();
        var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddObjectStorage()
            .BuildServiceProvider(validateScopes: true);
        _providers.Add(provider);
        return provider;
    }

    /// <summary>A raw SDK client with the read-write user's keys (to set up what the adapter does not create).</summary>
    public static AmazonS3Client NewClient(BucketAccess access) => NewClient(access.AccessKey, access.SecretKey);

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        await EmptyAsync();
        await Admin.DeleteBucketAsync(Bucket);
        using var admin = NewAdmin();
        await admin.DeleteUserAsync(Bucket + "-rw");
        await admin.DeleteUserAsync(Bucket + "-ro");
        Admin.Dispose();
        Http.Dispose();
    }

    /// <summary>Removes every upload, version and delete marker of a bucket (one that never had versioning too).</summary>
    public static async Task EmptyAsync(IAmazonS3 client, string bucket)
    {
        var uploads = await client.ListMultipartUploadsAsync(bucket);
        foreach (var upload in uploads.MultipartUploads ?? [])
        {
            await client.AbortMultipartUploadAsync(bucket, upload.Key, upload.UploadId);
        }
        ListVersionsResponse page;
        do
        {
            page = await client.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
            if (page.Versions is { Count: > 0 } versions)
            {
                await client.DeleteObjectsAsync(new DeleteObjectsRequest
                {
                    BucketName = bucket, Objects = versions.Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList(),
                });
            }
        }
        while (page.IsTruncated == true);
    }

    private Task EmptyAsync() => EmptyAsync(Admin, Bucket);

    private string Policy()
    {
        var resources = $"[\"arn:aws:s3:::{Bucket}\", \"arn:aws:s3:::{Bucket}/*\"]";
        return $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Principal": { "AWS": ["arn:aws:iam:::user/{{Bucket}}-rw"] }, "Action": ["s3:*"], "Resource": {{resources}} },
            { "Effect": "Allow", "Principal": { "AWS": ["arn:aws:iam:::user/{{Bucket}}-ro"] },
              "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions", "s3:GetObjectTagging", "s3:ListBucketMultipartUploads"], "Resource": {{resources}} },
            { "Effect": "Deny", "Principal": { "AWS": ["arn:aws:iam:::user/{{Bucket}}-rw"] }, "Action": ["s3:DeleteObject"],
              "Resource": ["arn:aws:s3:::{{Bucket}}/{{ProtectedPrefix}}*"] }
          ]
        }
        """;
    }

    private static RadosgwAdmin NewAdmin() =>
        new(Endpoint, LocalPlatform.Current.RadosgwAdminAccessKey, LocalPlatform.Current.RadosgwAdminSecretKey);

    private static AmazonS3Client NewClient(string accessKey, string secretKey) => new(
        new BasicAWSCredentials(accessKey, secretKey),
        new AmazonS3Config
        {
            ServiceURL = Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = BucketAccess.DefaultRegion,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
}
