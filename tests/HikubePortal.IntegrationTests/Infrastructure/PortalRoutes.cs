using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>
/// Every tenant-scoped route of the running portal (<c>/t/{tenant}/...</c>), read from its endpoints, so the
/// security tests cover routes that features add later without being edited.
/// </summary>
public static class TenantRoutes
{
    /// <summary>A tenant route: its pattern, the methods it accepts, the policy it declares.</summary>
    public sealed record Route(RoutePattern Pattern, IReadOnlyList<string> Methods, string? Policy)
    {
        /// <summary>The URL for <paramref name="tenant"/>, other parameters filled with plausible guesses.</summary>
        public string UrlFor(string tenant) =>
            "/" + string.Join("/", Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => Guess(parameter, tenant),
                _ => "",
            }))));

        public override string ToString() => Pattern.RawText ?? "";

        private static string Guess(RoutePatternParameterPart parameter, string tenant) => parameter.Name.ToUpperInvariant() switch
        {
            "TENANT" => Uri.EscapeDataString(tenant),
            _ when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "1",
            _ when parameter.IsCatchAll => "docs/2026/readme.txt",
            "BUCKET" or "NAME" => "backups",
            _ => "guess",
        };
    }

    public static IReadOnlyList<Route> All(IServiceProvider services)
    {
        var sources = services.GetRequiredService<EndpointDataSource>();
        return
        [
            .. sources.Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText?.StartsWith("/t/{", StringComparison.OrdinalIgnoreCase) == true)
                .GroupBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
                .Select(g => new Route(
                    g.First().RoutePattern,
                    [.. g.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get, HttpMethods.Post]).Distinct()],
                    g.SelectMany(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()).Select(a => a.Policy).FirstOrDefault(p => p is not null))),
        ];
    }
}
