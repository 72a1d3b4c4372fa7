using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>
/// The radosgw admin ops API (<c>/admin/user</c>) with the platform's admin keys, signed with SigV4:
/// just enough for tests to create and remove ordinary users. The provisioner owns the real thing.
/// </summary>
internal sealed class RadosgwAdmin(Uri endpoint, string accessKey, string secretKey) : IDisposable
{
    private static readonly string EmptyHash = Hex(SHA256.HashData([]));
    private readonly HttpClient _http = new() { BaseAddress = endpoint };

    /// <summary>Creates a user and returns its first key pair.</summary>
    public async Task<(string AccessKey, string SecretKey)> CreateUserAsync(string uid)
    {
        using var response = await SendAsync(HttpMethod.Put, new() { ["uid"] = uid, ["display-name"] = uid, ["format"] = "json" });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var key = json.RootElement.GetProperty("keys")[0];
        return (key.GetProperty("access_key").GetString()!, key.GetProperty("secret_key").GetString()!);
    }

    public async Task DeleteUserAsync(string uid)
    {
        using var _ = await SendAsync(HttpMethod.Delete, new() { ["uid"] = uid, ["format"] = "json" });
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, SortedDictionary<string, string> query)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var canonicalQuery = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var host = _http.BaseAddress!.Authority;
        var canonical = $"{method.Method}\n/admin/user\n{canonicalQuery}\nhost:{host}\nx-amz-content-sha256:{EmptyHash}\nx-amz-date:{amzDate}\n\n" +
            $"host;x-amz-content-sha256;x-amz-date\n{EmptyHash}";
        var scope = $"{day}/us-east-1/s3/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signingKey = new[] { day, "us-east-1", "s3", "aws4_request" }
            .Aggregate(Encoding.UTF8.GetBytes("AWS4" + secretKey), (key, part) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part)));
        var signature = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(toSign)));

        using var request = new HttpRequestMessage(method, $"/admin/user?{canonicalQuery}");
        request.Headers.Add("x-amz-date", amzDate);
        request.Headers.Add("x-amz-content-sha256", EmptyHash);
        request.Headers.Authorization = new AuthenticationHeaderValue("AWS4-HMAC-SHA256",
            $"Credential={accessKey}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}");
        var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"radosgw admin {method} /admin/user answered {(int)response.StatusCode}: {body}");
        }
        return response;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
