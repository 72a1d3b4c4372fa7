using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;
using HikubePortal.IntegrationTests.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using Xunit;

namespace HikubePortal.IntegrationTests.Uploads;

/// <summary>
/// A <see cref="BucketPortal"/> with two ready buckets: <see cref="Files"/> (users admin read-write and viewer
/// read-only) and <see cref="ReadOnlyBucket"/> (only a read-only user).
/// </summary>
public class UploadPortal : BucketPortal
{
    public string Files { get; } = "files";

    public string ReadOnlyBucket { get; } = "readonly";

    /// <summary>The real radosgw bucket behind <see cref="Files"/>.</summary>
    public string S3Bucket { get; private set; } = "";

    public (string AccessKey, string SecretKey) Keys { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateBucketAsync(Files, ("admin", false), ("viewer", true));
        await CreateBucketAsync(ReadOnlyBucket, ("viewer", true));
        await WaitForPhaseAsync(Files, BucketPhase.Ready);
        await WaitForPhaseAsync(ReadOnlyBucket, BucketPhase.Ready);
        Keys = await BucketHttp.WaitForCredentialsAsync(Namespace, Files, "admin");
        await BucketHttp.WaitForCredentialsAsync(Namespace, Files, "viewer");
        await BucketHttp.WaitForCredentialsAsync(Namespace, ReadOnlyBucket, "viewer");
        S3Bucket = (await Cluster.Admin.GetSecretAsync(Namespace, BucketNames.CredentialsSecretName(Files, "admin"))).GetString("bucketName")!;
    }

    /// <summary>The object's bytes as radosgw holds them.</summary>
    public async Task<byte[]> ReadObjectAsync(string key)
    {
        using var s3 = S3Probe.Client(Keys.AccessKey, Keys.SecretKey);
        using var got = await s3.GetObjectAsync(new GetObjectRequest { BucketName = S3Bucket, Key = key });
        using var copy = new MemoryStream();
        await got.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The bucket's CORS rules as radosgw holds them (none: empty).</summary>
    public async Task<List<CORSRule>> CorsAsync()
    {
        using var s3 = S3Probe.Client(Keys.AccessKey, Keys.SecretKey);
        try
        {
            return (await s3.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = S3Bucket })).Configuration?.Rules ?? [];
        }
        catch (Amazon.S3.AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchCORSConfiguration")
        {
            return [];
        }
    }

    /// <summary>Stores <paramref name="rules"/> as the bucket's CORS, as another tool of the tenant would.</summary>
    public async Task PutCorsAsync(params CORSRule[] rules)
    {
        using var s3 = S3Probe.Client(Keys.AccessKey, Keys.SecretKey);
        await s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = S3Bucket, Configuration = new CORSConfiguration { Rules = [.. rules] } });
    }

    /// <summary>Multipart uploads radosgw still holds under <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<MultipartUpload>> UnfinishedAsync(string prefix)
    {
        using var s3 = S3Probe.Client(Keys.AccessKey, Keys.SecretKey);
        var listed = await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = S3Bucket, Prefix = prefix });
        return listed.MultipartUploads ?? [];
    }
}

/// <summary>An <see cref="UploadPortal"/> whose large objects download by parallel ranges (off by default).</summary>
public sealed class RangedDownloadPortal : UploadPortal
{
    public RangedDownloadPortal() => Settings["ObjectBrowser:RangedDownloads"] = "true";
}

/// <summary>The upload API as the page's script calls it: JSON posts with the session's antiforgery token in a header.</summary>
public sealed class UploadApi(HttpClient client, string tenant, string bucket, string token)
{
    public static async Task<UploadApi> OpenAsync(HttpClient client, string tenant, string bucket) =>
        new(client, tenant, bucket, await client.AntiforgeryTokenAsync());

    public string Token => token;

    public string Url(string path) => $"/t/{tenant}/buckets/{bucket}/uploads{path}";

    public Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, object body, string? origin = null) =>
        PostToAsync(Url(path), body, origin);

    /// <summary>A post to another API of the page's script (the download plan), with the same token.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostToAsync(string url, object body, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var isJson = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true;
        return (response, isJson ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    public async Task<JsonElement> OkAsync(string path, object body, string? origin = null)
    {
        var (response, json) = await PostAsync(path, body, origin);
        Assert.True(response.IsSuccessStatusCode, $"{path} -> {(int)response.StatusCode} {json}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return json;
    }
}
