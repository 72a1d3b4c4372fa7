using Amazon.S3.Model;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>
/// The CORS rule that lets the portal's pages upload to and download from a bucket directly: the
/// configured origins may GET/PUT/POST/HEAD/DELETE with any header, and read <c>ETag</c> (browser
/// multipart uploads need each part's ETag).
/// </summary>
internal static class BucketCors
{
    public static readonly IReadOnlyList<string> Methods = ["GET", "PUT", "POST", "HEAD", "DELETE"];
    public static readonly IReadOnlyList<string> ExposedHeaders = ["ETag"];
    public const int MaxAgeSeconds = 3600;

    /// <summary>The rule for <paramref name="origins"/>; none when no origin is configured.</summary>
    public static CORSRule? Rule(IReadOnlyCollection<string> origins)
    {
        if (origins.Count == 0)
        {
            return null;
        }

        return new CORSRule
        {
            Id = "hikube-portal",
            AllowedOrigins = origins.Contains("*") ? ["*"] : [.. origins],
            AllowedMethods = [.. Methods],
            AllowedHeaders = ["*"],
            ExposeHeaders = [.. ExposedHeaders],
            MaxAgeSeconds = MaxAgeSeconds,
        };
    }

    /// <summary>True when <paramref name="current"/> is exactly <paramref name="wanted"/> (order of values aside).</summary>
    public static bool Same(IReadOnlyList<CORSRule>? current, CORSRule? wanted)
    {
        if (wanted is null)
        {
            return current is null || current.Count == 0;
        }

        if (current is not { Count: 1 })
        {
            return false;
        }

        var rule = current[0];
        return SameSet(rule.AllowedOrigins, wanted.AllowedOrigins)
            && SameSet(rule.AllowedMethods, wanted.AllowedMethods)
            && SameSet(rule.AllowedHeaders, wanted.AllowedHeaders)
            && SameSet(rule.ExposeHeaders, wanted.ExposeHeaders)
            && rule.MaxAgeSeconds == wanted.MaxAgeSeconds;
    }

    private static bool SameSet(List<string>? a, List<string>? b) =>
        new HashSet<string>(a ?? [], StringComparer.Ordinal).SetEquals(b ?? []);
}
