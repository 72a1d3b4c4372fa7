using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>
/// Every route of the running portal, read from its endpoints (pages and minimal APIs), with the query values each
/// one reads, so the security tests cover routes that features add later without being edited.
/// </summary>
public static class PortalRoutes
{
    /// <summary>A form a page handles: its name (the <c>_handler</c> field) and the names of its fields.</summary>
    public sealed record Form(string Name, IReadOnlyList<string> Fields);

    /// <summary>A route: its pattern, the methods it accepts, the policy it declares, the query values and forms it reads.</summary>
    public sealed record Route(RoutePattern Pattern, IReadOnlyList<string> Methods, string? Policy, IReadOnlyList<string> QueryNames, IReadOnlyList<Form> Forms)
    {
        /// <summary>The names of its route values (<c>tenant</c>, <c>name</c>...).</summary>
        public IReadOnlyList<string> RouteNames => [.. Pattern.Parameters.Select(p => p.Name)];

        /// <summary>The URL for <paramref name="tenant"/>, other parameters filled with plausible guesses.</summary>
        public string UrlFor(string tenant) => UrlFor(tenant, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

        /// <summary>
        /// The URL for <paramref name="tenant"/>, with the route values in <paramref name="values"/> written as they are
        /// (already escaped), the others guessed.
        /// </summary>
        public string UrlFor(string tenant, IReadOnlyDictionary<string, string> values) =>
            "/" + string.Join("/", Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var value) ? value : Guess(parameter, tenant),
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

    /// <summary>The tenant-scoped routes (<c>/t/{tenant}/...</c>).</summary>
    public static IReadOnlyList<Route> Tenant(IServiceProvider services) =>
        [.. All(services).Where(r => r.Pattern.RawText?.StartsWith("/t/{", StringComparison.OrdinalIgnoreCase) == true)];

    /// <summary>Every route with a pattern, pages and endpoints.</summary>
    public static IReadOnlyList<Route> All(IServiceProvider services)
    {
        var sources = services.GetRequiredService<EndpointDataSource>();
        return
        [
            .. sources.Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText is not null)
                .GroupBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
                .Select(g => new Route(
                    g.First().RoutePattern,
                    [.. g.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get, HttpMethods.Post]).Distinct()],
                    g.SelectMany(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()).Select(a => a.Policy).FirstOrDefault(p => p is not null),
                    [.. g.SelectMany(QueryNames).Distinct(StringComparer.OrdinalIgnoreCase)],
                    [.. g.SelectMany(Forms).DistinctBy(f => f.Name)])),
        ];
    }

    /// <summary>
    /// The query values an endpoint reads: a page's <c>[SupplyParameterFromQuery]</c> properties and those of the
    /// components beside it (a page's own parts, e.g. the audit view of both audit pages); a minimal API's simple
    /// parameters that are not route values.
    /// </summary>
    private static IEnumerable<string> QueryNames(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component)
        {
            return PropertiesOf(component.Type)
                .Select(p => (Property: p, Query: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                .Where(p => p.Query is not null)
                .Select(p => p.Query!.Name ?? p.Property.Name);
        }
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
        {
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return method.GetParameters()
                .Where(p => p.GetCustomAttribute<FromQueryAttribute>() is not null
                    || (IsSimple(p.ParameterType) && p.GetCustomAttribute<FromFormAttribute>() is null && !routeNames.Contains(p.Name!)))
                .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!);
        }
        return [];
    }

    /// <summary>The forms a page and its parts handle (<c>[SupplyParameterFromForm]</c>), fields named as the browser posts them.</summary>
    private static IEnumerable<Form> Forms(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not { } component ? []
        : PropertiesOf(component.Type)
            .Select(p => (Property: p, Form: p.GetCustomAttribute<SupplyParameterFromFormAttribute>()))
            .Where(p => p.Form?.FormName is not null)
            .Select(p => new Form(p.Form!.FormName!, [.. p.Property.PropertyType.GetProperties()
                .Where(f => f.CanWrite)
                .Select(f => $"{p.Form.Name ?? p.Property.Name}.{f.Name}")]));

    /// <summary>The properties of a page and of the components beside it that no route reaches (its own parts).</summary>
    private static IEnumerable<PropertyInfo> PropertiesOf(Type page) =>
        page.Assembly.GetTypes()
            .Where(t => t == page || (t.Namespace == page.Namespace && typeof(IComponent).IsAssignableFrom(t)
                && !t.IsDefined(typeof(Microsoft.AspNetCore.Components.RouteAttribute), inherit: false)))
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));

    private static bool IsSimple(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        return inner == typeof(string) || inner.IsPrimitive || inner == typeof(Guid) || inner == typeof(DateTimeOffset) || inner.IsEnum;
    }
}
