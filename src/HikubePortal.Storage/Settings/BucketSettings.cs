using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Settings;

/// <summary>Per-bucket and per-object settings: the bucket's CORS rules, an object's tags.</summary>
internal sealed class BucketSettings(S3Executor executor)
{
    public async Task<IReadOnlyList<CorsRule>> GetCorsAsync(BucketAccess access, CancellationToken cancellationToken)
    {
        try
        {
            var response = await executor.RunAsync(access, "GetBucketCors", (client, deadline) => client.GetCORSConfigurationAsync(
                new GetCORSConfigurationRequest { BucketName = access.BucketName }, deadline), cancellationToken);
            return [.. (response.Configuration?.Rules ?? []).Select(r => new CorsRule(
                r.Id, r.AllowedOrigins ?? [], r.AllowedMethods ?? [], r.AllowedHeaders ?? [], r.ExposeHeaders ?? [], r.MaxAgeSeconds))];
        }
        catch (NotFoundException e) when (e.InnerException is Amazon.S3.AmazonS3Exception { ErrorCode: "NoSuchCORSConfiguration" })
        {
            return [];
        }
    }

    public Task PutCorsAsync(BucketAccess access, IReadOnlyList<CorsRule> rules, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ArgumentNullException.ThrowIfNull(rules);
        var configuration = new CORSConfiguration
        {
            Rules = [.. rules.Select(r => new CORSRule
            {
                Id = r.Id,
                AllowedOrigins = [.. r.AllowedOrigins],
                AllowedMethods = [.. r.AllowedMethods],
                AllowedHeaders = r.AllowedHeaders.Count == 0 ? null : [.. r.AllowedHeaders],
                ExposeHeaders = r.ExposeHeaders.Count == 0 ? null : [.. r.ExposeHeaders],
                MaxAgeSeconds = r.MaxAgeSeconds,
            })],
        };
        return executor.RunAsync(access, "PutBucketCors", (client, deadline) => client.PutCORSConfigurationAsync(
            new PutCORSConfigurationRequest { BucketName = access.BucketName, Configuration = configuration }, deadline), cancellationToken);
    }

    public Task SetTagsAsync(BucketAccess access, string key, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureValid(key);
        ArgumentNullException.ThrowIfNull(tags);
        return tags.Count == 0
            ? executor.RunAsync(access, "DeleteObjectTagging", (client, deadline) => client.DeleteObjectTaggingAsync(
                new DeleteObjectTaggingRequest { BucketName = access.BucketName, Key = key }, deadline), cancellationToken)
            : executor.RunAsync(access, "PutObjectTagging", (client, deadline) => client.PutObjectTaggingAsync(new PutObjectTaggingRequest
            {
                BucketName = access.BucketName,
                Key = key,
                Tagging = new Tagging { TagSet = [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })] },
            }, deadline), cancellationToken);
    }
}
