using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>
/// radosgw's admin ops API (<c>/admin/user</c>, <c>/admin/user?key</c>, <c>/admin/bucket</c>), signed with
/// the admin's keys by <see cref="SigV4SigningHandler"/>. Missing things answer <c>null</c>/<c>false</c>;
/// other failures throw <see cref="RadosgwException"/>.
/// </summary>
internal sealed partial class RadosgwAdminClient(HttpClient http, RadosgwRetry retry, ILogger<RadosgwAdminClient> logger)
{
    /// <summary>Creates a user with one generated S3 key pair; the user may not create buckets of its own.</summary>
    public async Task<RgwUser> CreateUserAsync(string uid, string displayName, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Put, "admin/user",
            [("uid", uid), ("display-name", displayName), ("key-type", "s3"), ("generate-key", "true"), ("max-buckets", "-1")],
            RadosgwJsonContext.Default.RgwUser, "create user", cancellationToken)
        ?? throw new RadosgwException(RadosgwErrorKind.Unavailable, "BadResponse", "radosgw create user: empty answer");

    public async Task<RgwUser?> GetUserAsync(string uid, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, "admin/user", [("uid", uid)],
                RadosgwJsonContext.Default.RgwUser, "get user", cancellationToken);
        }
        catch (RadosgwException e) when (e.Kind == RadosgwErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Removes a user with its keys (and any bucket it owns). False when it did not exist.</summary>
    public async Task<bool> RemoveUserAsync(string uid, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync<RgwUser>(HttpMethod.Delete, "admin/user", [("uid", uid), ("purge-data", "true")],
                null, "remove user", cancellationToken);
            LogUserRemoved(logger, uid);
            return true;
        }
        catch (RadosgwException e) when (e.Kind == RadosgwErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>Generates one more S3 key pair for a user; answers all of the user's keys.</summary>
    public async Task<IReadOnlyList<RgwKey>> CreateKeyAsync(string uid, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Put, "admin/user",
            [("key", null), ("uid", uid), ("key-type", "s3"), ("generate-key", "true")],
            RadosgwJsonContext.Default.ListRgwKey, "create key", cancellationToken) ?? [];

    /// <summary>Removes one key pair of a user. False when it did not exist.</summary>
    public async Task<bool> RemoveKeyAsync(string uid, string accessKey, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync<RgwUser>(HttpMethod.Delete, "admin/user",
                [("key", null), ("uid", uid), ("access-key", accessKey), ("key-type", "s3")],
                null, "remove key", cancellationToken);
            return true;
        }
        catch (RadosgwException e) when (e.Kind == RadosgwErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>Removes a bucket with all its objects (object lock does not stop it). False when absent.</summary>
    public async Task<bool> RemoveBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync<RgwUser>(HttpMethod.Delete, "admin/bucket", [("bucket", bucket), ("purge-objects", "true")],
                null, "remove bucket", cancellationToken);
            LogBucketRemoved(logger, bucket);
            return true;
        }
        catch (RadosgwException e) when (e.Kind == RadosgwErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>Owner, size in bytes, object count and allocated bytes of a bucket; null when it does not exist.</summary>
    public async Task<RgwBucketStats?> GetBucketStatsAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var stats = await SendAsync(HttpMethod.Get, "admin/bucket", [("bucket", bucket), ("stats", "true")],
                RadosgwJsonContext.Default.RgwBucketStatsJson, "bucket stats", cancellationToken);
            return stats is null ? null : Stats(stats);
        }
        catch (RadosgwException e) when (e.Kind == RadosgwErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>The stats of every bucket, by bucket name (one call: what the usage reports read each pass).</summary>
    public async Task<IReadOnlyDictionary<string, RgwBucketStats>> ListBucketStatsAsync(CancellationToken cancellationToken)
    {
        var all = await SendAsync(HttpMethod.Get, "admin/bucket", [("stats", "true")],
            RadosgwJsonContext.Default.ListRgwBucketStatsJson, "list bucket stats", cancellationToken) ?? [];
        return all.Select(Stats).ToDictionary(s => s.Bucket, StringComparer.Ordinal);
    }

    private static RgwBucketStats Stats(RgwBucketStatsJson stats)
    {
        var main = stats.Usage?.GetValueOrDefault("rgw.main");
        return new RgwBucketStats(stats.Bucket, stats.Owner, main?.Size ?? 0, main?.NumObjects ?? 0, main?.SizeActual ?? 0);
    }

    internal static string PathAndQuery(string path, IEnumerable<(string Name, string? Value)> query) =>
        path + "?" + string.Join('&', query
            .Append<(string Name, string? Value)>(("format", "json"))
            .Select(p => p.Value is null
                ? Uri.EscapeDataString(p.Name)
                : $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));

    private async Task<T?> SendAsync<T>(
        HttpMethod method,
        string path,
        (string Name, string? Value)[] query,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? body,
        string operation,
        CancellationToken cancellationToken) where T : class
    {
        var target = PathAndQuery(path, query);
        return await retry.ExecuteAsync(async ct =>
        {
            using var request = new HttpRequestMessage(method, target);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            }
            catch (HttpRequestException e)
            {
                throw new RadosgwException(RadosgwErrorKind.Unavailable, "Connection",
                    $"radosgw {operation}: unreachable ({e.HttpRequestError})", e);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new RadosgwException(RadosgwErrorKind.Unavailable, "Timeout", $"radosgw {operation}: timed out", e);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await ErrorAsync(response, operation, ct);
                }

                if (body is null || response.StatusCode == HttpStatusCode.NoContent)
                {
                    return null;
                }

                var stream = await response.Content.ReadAsStreamAsync(ct);
                await using (stream)
                {
                    try
                    {
                        return await JsonSerializer.DeserializeAsync(stream, body, ct);
                    }
                    catch (JsonException e)
                    {
                        throw new RadosgwException(RadosgwErrorKind.Unavailable, "BadResponse",
                            $"radosgw {operation}: unreadable answer", e);
                    }
                }
            }
        }, cancellationToken);
    }

    private static async Task<RadosgwException> ErrorAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? code = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.StartsWith('{'))
            {
                code = JsonSerializer.Deserialize(text, RadosgwJsonContext.Default.RgwErrorJson)?.Code;
            }
        }
        catch (JsonException)
        {
            // the status code alone is enough
        }

        code ??= response.ReasonPhrase ?? "Error";
        return new RadosgwException(RadosgwException.KindOf(status), code,
            $"radosgw {operation}: {status} {code}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed radosgw user {Uid} with its keys")]
    private static partial void LogUserRemoved(ILogger logger, string uid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed radosgw bucket {Bucket} with its objects")]
    private static partial void LogBucketRemoved(ILogger logger, string bucket);
}
