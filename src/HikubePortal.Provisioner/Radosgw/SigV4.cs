using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>The parts of an HTTP request that AWS Signature Version 4 covers.</summary>
/// <param name="Headers">The headers to sign (names in any case); <c>host</c> must be among them.</param>
/// <param name="PayloadHash">Lower-case hex SHA-256 of the body (or <c>UNSIGNED-PAYLOAD</c>).</param>
internal sealed record SigV4Request(
    string Method,
    Uri Uri,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash);

/// <summary>Where and as whom a request is signed.</summary>
internal sealed record SigV4Scope(string AccessKey, string SecretKey, string Region, string Service);

/// <summary>
/// AWS Signature Version 4 (header form) for plain HTTP requests, as radosgw's admin API expects.
/// Paths are used as sent (S3 does not normalise or double-encode them); the query is decoded,
/// re-encoded with RFC 3986 rules and sorted.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string DateHeader = "x-amz-date";
    public const string ContentSha256Header = "x-amz-content-sha256";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The value of the <c>Authorization</c> header for <paramref name="request"/>.</summary>
    public static string Authorization(SigV4Request request, SigV4Scope scope, DateTimeOffset time)
    {
        var (signedHeaders, canonical) = CanonicalRequest(request);
        var date = time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var credentialScope = $"{date}/{scope.Region}/{scope.Service}/aws4_request";
        var stringToSign = StringToSign(canonical, credentialScope, time);
        var key = SigningKey(scope.SecretKey, date, scope.Region, scope.Service);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return $"{Algorithm} Credential={scope.AccessKey}/{credentialScope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>The <c>x-amz-date</c> form of a time.</summary>
    public static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string HashHex(ReadOnlySpan<byte> payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    internal static (string SignedHeaders, string Canonical) CanonicalRequest(SigV4Request request)
    {
        var headers = request.Headers
            .GroupBy(h => h.Key.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => CollapseSpaces(h.Value)))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));
        var builder = new StringBuilder()
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalPath(request.Uri)).Append('\n')
            .Append(CanonicalQuery(request.Uri)).Append('\n');
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(request.PayloadHash);
        return (signedHeaders, builder.ToString());
    }

    internal static string StringToSign(string canonicalRequest, string credentialScope, DateTimeOffset time) =>
        $"{Algorithm}\n{AmzDate(time)}\n{credentialScope}\n{HashHex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    internal static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    internal static string CanonicalPath(Uri uri) => uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath;

    internal static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return string.Empty;
        }

        return string.Join('&', query
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                var name = at < 0 ? pair : pair[..at];
                var value = at < 0 ? string.Empty : pair[(at + 1)..];
                return (Name: Encode(Uri.UnescapeDataString(name)), Value: Encode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>RFC 3986 percent-encoding: everything but <c>A-Z a-z 0-9 - _ . ~</c>, upper-case hex.</summary>
    internal static string Encode(string value) => Uri.EscapeDataString(value);

    private static string CollapseSpaces(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
