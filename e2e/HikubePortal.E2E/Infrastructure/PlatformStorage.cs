using System.Diagnostics;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace HikubePortal.E2E.Infrastructure;

/// <summary>
/// What a journey checks behind the portal's back, as an operator would with their own tools: Buckets made and removed
/// with kubectl (the platform's KUBECONFIG), and the bucket itself read with the S3 API and the bucket's own keys
/// (its CORS rules, its unfinished multipart uploads, the bytes stored).
/// </summary>
public static class PlatformStorage
{
    /// <summary>
    /// Creates a Bucket with one read-write user <c>admin</c>; <paramref name="refuseCors"/> marks it as one whose platform
    /// keeps CORS, <paramref name="refuseDataChanges"/> as one whose platform keeps versioning and lifecycle.
    /// </summary>
    public static async Task CreateBucketAsync(string tenant, string bucket, bool refuseCors = false, bool refuseDataChanges = false)
    {
        await ApplyBucketAsync(tenant, bucket, refuseCors, refuseDataChanges);
        for (var i = 0; i < 120; i++)
        {
            if (await TryKubectlAsync($"get secret -n tenant-{tenant} bucket-{bucket}-admin-credentials") is not null)
            {
                return;
            }
            await Task.Delay(1000);
        }
        throw new InvalidOperationException($"bucket {bucket} got no credentials in 2 minutes");
    }

    /// <summary><c>kubectl apply</c> of a Bucket with one read-write user <c>admin</c>; returns when kubectl does.</summary>
    public static async Task ApplyBucketAsync(string tenant, string bucket, bool refuseCors = false, bool refuseDataChanges = false)
    {
        string[] refused = [.. refuseCors ? ["hikube.cloud/cors-changes: refused"] : Array.Empty<string>(), .. refuseDataChanges ? ["hikube.cloud/data-changes: refused"] : Array.Empty<string>()];
        var labels = refused.Length == 0 ? string.Empty : $"\n  labels: {{{string.Join(", ", refused)}}}";
        await KubectlAsync("apply -f -", $$"""
            apiVersion: apps.cozystack.io/v1alpha1
            kind: Bucket
            metadata:
              name: {{bucket}}
              namespace: tenant-{{tenant}}{{labels}}
            spec:
              users:
                admin: {}
            """);
    }

    public static Task DeleteBucketAsync(string tenant, string bucket) =>
        KubectlAsync($"delete bucket -n tenant-{tenant} {bucket} --wait=false", null);

    /// <summary>An S3 client with the bucket's read-write keys, and the real bucket's name.</summary>
    public static async Task<(AmazonS3Client Client, string Bucket)> S3Async(string tenant, string bucket)
    {
        async Task<string> Field(string name) => Encoding.UTF8.GetString(Convert.FromBase64String(
            await KubectlAsync($"get secret -n tenant-{tenant} bucket-{bucket}-admin-credentials -o jsonpath={{.data.{name}}}", null)));
        var endpoint = Environment.GetEnvironmentVariable("HIKUBE_S3_ENDPOINT")
            ?? throw new InvalidOperationException("HIKUBE_S3_ENDPOINT is not set: export the platform's environment (platform.sh env).");
        var client = new AmazonS3Client(new BasicAWSCredentials(await Field("accessKey"), await Field("secretKey")), new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        return (client, await Field("bucketName"));
    }

    /// <summary>The bucket's CORS rules (none: empty).</summary>
    public static async Task<List<CORSRule>> CorsAsync(AmazonS3Client client, string bucket)
    {
        try
        {
            return (await client.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = bucket })).Configuration?.Rules ?? [];
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchCORSConfiguration")
        {
            return [];
        }
    }

    /// <summary>Multipart uploads the storage still holds under a prefix.</summary>
    public static async Task<List<MultipartUpload>> UnfinishedAsync(AmazonS3Client client, string bucket, string prefix) =>
        (await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = prefix })).MultipartUploads ?? [];

    public static Task WriteAsync(AmazonS3Client client, string bucket, string key, byte[] content, string? contentType = null) =>
        client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = key, InputStream = new MemoryStream(content), ContentType = contentType ?? "application/octet-stream",
        });

    /// <summary>The keys under a prefix (one listing page, up to 1,000).</summary>
    public static async Task<List<string>> KeysAsync(AmazonS3Client client, string bucket, string prefix) =>
        [.. ((await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix })).S3Objects ?? []).Select(o => o.Key)];

    public static async Task<byte[]> ReadAsync(AmazonS3Client client, string bucket, string key)
    {
        using var got = await client.GetObjectAsync(bucket, key);
        using var copy = new MemoryStream();
        await got.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<string> KubectlAsync(string arguments, string? input) =>
        await TryKubectlAsync(arguments, input) ?? throw new InvalidOperationException($"kubectl {arguments.Split(' ')[0]} failed");

    private static async Task<string?> TryKubectlAsync(string arguments, string? input = null)
    {
        var start = new ProcessStartInfo("kubectl", arguments)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : null;
    }
}
