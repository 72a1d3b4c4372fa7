using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Hosting;

/// <summary>The origin a browser request comes from, when it is the portal's own (its <c>Origin</c> header).</summary>
internal static class PublicOrigin
{
    /// <summary>
    /// The request's <c>Origin</c> when it names this portal: one of <paramref name="configured"/>, or, when none is
    /// configured, the host the request was sent to (the scheme may differ behind a TLS proxy). Null otherwise.
    /// </summary>
    public static string? Of(HttpRequest request, IReadOnlyList<string> configured)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(configured);
        if (BucketCorsRules.Normalize(request.Headers.Origin.ToString()) is not { } origin)
        {
            return null;
        }
        if (configured.Count > 0)
        {
            return configured.Select(BucketCorsRules.Normalize).Contains(origin, StringComparer.OrdinalIgnoreCase) ? origin : null;
        }
        return string.Equals(new Uri(origin).Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) ? origin : null;
    }
}
