using Amazon.S3.Model;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.IntegrationTests.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Objects;

/// <summary>
/// A portal with a tenant (see <see cref="BucketPortal"/>) and two real buckets: <see cref="Files"/> with a read-write
/// user <c>admin</c> and a read-only user <c>reader</c>, and <see cref="ReadOnly"/> with only the read-only user.
/// Tests put their objects under a folder of their own.
/// </summary>
public sealed class ObjectPortal : BucketPortal
{
    public string Files { get; } = LocalPlatform.UniqueName("files");

    public string ReadOnly { get; } = LocalPlatform.UniqueName("ro");

    /// <summary>The real radosgw bucket and the read-write keys of <see cref="Files"/>.</summary>
    public (string Bucket, string AccessKey, string SecretKey) FilesS3 { get; private set; }

    /// <summary>The real radosgw bucket and the read-only keys of <see cref="ReadOnly"/>.</summary>
    public (string Bucket, string AccessKey, string SecretKey) ReadOnlyS3 { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateBucketAsync(Files, ("admin", false), ("reader", true));
        await CreateBucketAsync(ReadOnly, ("reader", true));
        FilesS3 = await S3Async(Files, "admin");
        ReadOnlyS3 = await S3Async(ReadOnly, "reader");
        await BucketHttp.WaitForCredentialsAsync(Namespace, Files, "reader");
    }

    /// <summary>
    /// Puts objects into <see cref="Files"/> with the bucket's read-write keys, through the storage adapter (the SDK alone
    /// cannot address keys with a leading slash); keys with '.' or '..' segments, which the portal refuses to create,
    /// with the SDK as another tool would.
    /// </summary>
    public async Task PutAsync(params (string Key, byte[] Content)[] objects)
    {
        var uploads = Services.GetRequiredService<IObjectUploads>();
        var access = BucketAccess.FromCredentials(FilesS3.AccessKey, FilesS3.SecretKey, LocalPlatform.Current.S3Endpoint, null, FilesS3.Bucket, readOnly: false);
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, token) =>
        {
            using var body = new MemoryStream(item.Content);
            if (ObjectKey.IsLinkSafe(item.Key))
            {
                await uploads.UploadAsync(access, item.Key, body, null, null, token);
                return;
            }
            using var client = S3Probe.Client(FilesS3.AccessKey, FilesS3.SecretKey);
            await client.PutObjectAsync(new PutObjectRequest { BucketName = FilesS3.Bucket, Key = item.Key, InputStream = body }, token);
        });
    }

    /// <summary>The keys of <see cref="Files"/> under <paramref name="prefix"/>, read directly from radosgw.</summary>
    public async Task<List<string>> KeysAsync(string prefix)
    {
        using var client = S3Probe.Client(FilesS3.AccessKey, FilesS3.SecretKey);
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = FilesS3.Bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>The tenant's audit entries of an action, newest first.</summary>
    public Task<List<AuditEntry>> AuditAsync(string action) => AsSystemAsync(services =>
        services.GetRequiredService<IPortalDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == Tenant && e.Action == action).OrderByDescending(e => e.Id).ToListAsync());

    private async Task<(string Bucket, string AccessKey, string SecretKey)> S3Async(string name, string user)
    {
        await WaitForPhaseAsync(name, BucketPhase.Ready);
        var (accessKey, secretKey) = await BucketHttp.WaitForCredentialsAsync(Namespace, name, user);
        var secret = await Cluster.Admin.GetSecretAsync(Namespace, BucketNames.CredentialsSecretName(name, user));
        return (secret.GetString("bucketName")!, accessKey, secretKey);
    }
}
