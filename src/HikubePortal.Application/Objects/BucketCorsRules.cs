namespace HikubePortal.Application.Objects;

/// <summary>One CORS rule of a bucket, as S3 stores it.</summary>
public sealed record CorsRule(
    string? Id,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedMethods,
    IReadOnlyList<string> AllowedHeaders,
    IReadOnlyList<string> ExposeHeaders,
    int? MaxAgeSeconds);

/// <summary>
/// What the portal's browser transfers need of a bucket's CORS: its origin may PUT (single files and parts) and GET
/// (ranges of a large download) with the headers they send, and read the <c>ETag</c> of each part or range. <see cref="Merge"/> adds one rule for the origin to the rules
/// already there when none of them allows it, and changes nothing else.
/// </summary>
public static class BucketCorsRules
{
    /// <summary>S3 keeps at most this many rules per bucket.</summary>
    public const int MaxRules = 100;

    public const int MaxAgeSeconds = 3600;

    private static readonly string[] NeededMethods = ["GET", "PUT"];

    private static readonly string[] NeededHeaders = ["content-type", "range"];

    /// <summary>The rule the portal adds for <paramref name="origin"/>.</summary>
    public static CorsRule RuleFor(string origin) => new(
        IdFor(origin), [origin], ["GET", "HEAD", "PUT"], ["*"], ["ETag"], MaxAgeSeconds);

    /// <summary>Whether some rule lets <paramref name="origin"/> upload, download by ranges and read ETags.</summary>
    public static bool Allows(IReadOnlyList<CorsRule> rules, string origin)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Any(rule =>
            rule.AllowedOrigins.Any(pattern => OriginMatches(pattern, origin))
            && NeededMethods.All(m => rule.AllowedMethods.Contains(m, StringComparer.OrdinalIgnoreCase))
            && NeededHeaders.All(n => rule.AllowedHeaders.Any(h => h == "*" || h.Equals(n, StringComparison.OrdinalIgnoreCase)))
            && rule.ExposeHeaders.Contains("ETag", StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The rules to store so that <paramref name="origin"/> may upload and download: null when <paramref name="rules"/> allow it
    /// already, else those rules plus the portal's (an older rule of the portal with the same id is replaced).
    /// </summary>
    public static IReadOnlyList<CorsRule>? Merge(IReadOnlyList<CorsRule> rules, string origin)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (Allows(rules, origin))
        {
            return null;
        }
        var added = RuleFor(origin);
        var kept = rules.Where(r => !string.Equals(r.Id, added.Id, StringComparison.Ordinal)).ToList();
        return kept.Count >= MaxRules ? throw new Common.ConflictException(
            $"The bucket already has {MaxRules} CORS rules, the most the storage keeps: the portal cannot add its own.") : [.. kept, added];
    }

    /// <summary>
    /// A browser origin (scheme, host and port of an http(s) address, no path) in its canonical form, or null.
    /// </summary>
    public static string? Normalize(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.AbsolutePath is "/" or "" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    // S3 allows one '*' in an allowed origin (e.g. https://*.example.org).
    private static bool OriginMatches(string pattern, string origin)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase);
        }
        var (head, tail) = (pattern[..star], pattern[(star + 1)..]);
        return origin.Length >= head.Length + tail.Length
            && origin.StartsWith(head, StringComparison.OrdinalIgnoreCase)
            && origin.EndsWith(tail, StringComparison.OrdinalIgnoreCase);
    }

    private static string IdFor(string origin) => "hikube-portal " + origin;
}
