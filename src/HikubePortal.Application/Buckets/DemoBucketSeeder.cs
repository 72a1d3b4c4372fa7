using System.Text;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Objects;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.Application.Buckets;

/// <summary>
/// The demo's sample bucket <c>demo-assets</c> (users <c>admin</c> and read-only <c>viewer</c>) with a few
/// files in folders, uploaded through the storage adapter with the bucket's own credentials. Idempotent:
/// an existing bucket and existing files are kept.
/// </summary>
public sealed class DemoBucketSeeder(IBucketService buckets, ICredentialService credentials, IObjectStorage storage, IObjectUploads uploads, TimeProvider time)
{
    public const string BucketName = "demo-assets";

    private static readonly (string Key, string ContentType, string Content)[] Files =
    [
        ("README.md", "text/markdown", "# Demo assets\n\nA sample bucket made by the portal's demo seed. Browse its folders, download a file,\nreveal the credentials and connect with your favourite S3 client.\n"),
        ("docs/getting-started.txt", "text/plain", "1. Open the Access tab and reveal the credentials of user admin.\n2. Copy the AWS CLI or rclone snippet.\n3. List this bucket from your terminal.\n"),
        ("images/bucket.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 16 16\"><path fill=\"#0d6efd\" d=\"M2.5 5h11l-1.2 8.4a1 1 0 0 1-1 .6H4.7a1 1 0 0 1-1-.6zM1 3.5C1 2.7 4.1 2 8 2s7 .7 7 1.5S11.9 5 8 5 1 4.3 1 3.5\"/></svg>\n"),
        ("reports/2026/q1-summary.csv", "text/csv", "month,objects,bytes\n2026-01,1200,73400320\n2026-02,1350,81788928\n2026-03,1410,90177536\n"),
        ("reports/2026/q2-summary.csv", "text/csv", "month,objects,bytes\n2026-04,1500,94371840\n2026-05,1620,102760448\n2026-06,1700,111149056\n"),
    ];

    /// <summary>Creates what is missing; waits (up to <paramref name="timeout"/>) for the platform to issue the credentials.</summary>
    public async Task<string> SeedAsync(string tenant, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var created = false;
        try
        {
            await buckets.GetAsync(tenant, BucketName, cancellationToken);
        }
        catch (NotFoundException)
        {
            await buckets.CreateAsync(tenant, new NewBucket(BucketName, [new BucketUserView("admin", false), new BucketUserView("viewer", true)]), cancellationToken);
            created = true;
        }

        var access = await WaitForAccessAsync(tenant, timeout, cancellationToken);
        var uploaded = 0;
        foreach (var (key, contentType, content) in Files)
        {
            if (await ExistsAsync(access, key, cancellationToken))
            {
                continue;
            }
            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
            try
            {
                await uploads.UploadAsync(access, key, stream, contentType, null, cancellationToken);
            }
            catch (PortalException ex)
            {
                throw new UnavailableException($"Uploading {key} to {BucketName} failed: {ex.Message}", ex);
            }
            uploaded++;
        }
        return $"bucket {BucketName} {(created ? "created" : "kept")}, {uploaded} of {Files.Length} files uploaded";
    }

    private async Task<BucketAccess> WaitForAccessAsync(string tenant, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var bucket = await buckets.GetAsync(tenant, BucketName, cancellationToken);
            if (bucket.State.Phase == BucketPhase.Ready
                && await credentials.StorageAccessAsync(tenant, BucketName, write: true, cancellationToken) is { } access)
            {
                return access;
            }
            if (time.GetUtcNow() > deadline)
            {
                throw new UnavailableException($"Bucket {BucketName} is not ready after {timeout.TotalSeconds:0} seconds ({BucketStatusText.Explain(bucket.State)}). Is the bucket provisioner running?");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }

    private async Task<bool> ExistsAsync(BucketAccess access, string key, CancellationToken cancellationToken)
    {
        try
        {
            await storage.GetDetailsAsync(access, key, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
        catch (PortalException ex)
        {
            throw new UnavailableException($"The storage of {BucketName} cannot be reached: {ex.Message}", ex);
        }
    }
}
