using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace HikubePortal.IntegrationTests.Security;

/// <summary>
/// Hostile input on every route read from the running portal: each route value, each query value a page or endpoint
/// reads, each field of a page's forms and each JSON body gets non-numbers, huge and negative numbers, 2,000 and 10,000
/// characters, NUL, bad percent-encoding, path tricks, Unicode, script and SQL fragments and repeats, signed out and as
/// each role. No answer may be a 5xx and no log line an Error: bad input is the client's fault, answered with a
/// default, a sentence or a 4xx.
/// </summary>
public sealed class InputFuzzTests(PortalFactory portal, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    /// <summary>Requests in flight at once: enough to keep two cores busy, few enough not to time out.</summary>
    private const int Concurrency = 6;

    /// <summary>Hostile values, written as they go into a URL (already escaped where escaping is the point).</summary>
    private static readonly string[] Values =
    [
        "abc", "99999999999", "-1", "0", "1.5", new('7', 10_000), new('x', 2_000), "%00", "a%00b", "%ff", "%C0%AE%C0%AE",
        "..%2F..%2Fetc%2Fpasswd", "%2F", "..", "%E2%80%AE%F0%9F%99%82%E6%BC%A2", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "'%20OR%201%3D1--", "%0D%0ASet-Cookie:%20x=1", "%20",
    ];

    /// <summary>JSON bodies for the endpoints that read one.</summary>
    private static readonly string[] Bodies =
    [
        "abc", "{", "null", "[]", "{\"size\":1e400,\"parts\":[-1,99999999999]}", "{\"key\":\"\\u0000\",\"uploadId\":\"../x\",\"path\":\"../../x\"}",
        "{\"prefix\":\"" + new string('a', 10_000) + "\",\"size\":-1}", "{\"parts\":[{\"partNumber\":\"abc\"}]}",
    ];

    [Fact]
    public async Task Hostile_input_on_every_route_gets_no_server_error_and_logs_no_error()
    {
        var members = new Dictionary<string, TestUser>();
        foreach (var role in TenantRoles.All)
        {
            members[role.Slug()] = await portal.CreateUserAsync($"fuzz-{role.Slug()}");
        }
        var tenant = await portal.CreateTenantAsync([.. TenantRoles.All.Select(r => (members[r.Slug()], r))]);
        members["operator"] = await portal.CreateUserAsync("fuzz-operator", isOperator: true);
        var bucket = Bucket.Create(TenantNames.Namespace(tenant), "backups");
        bucket.Metadata.Labels = new Dictionary<string, string> { ["hikube.cloud/provisioner"] = "none" };
        await Cluster.Admin.Buckets.CreateAsync(bucket, null, default);

        var anonymous = portal.CreateAnonymousClient();
        var (_, login) = await anonymous.GetPageAsync("/account/login");
        var identities = new List<(string Name, HttpClient Client, string? Token)>
        {
            ("signed-out", anonymous, login.QuerySelector($"input[name={PortalHttp.AntiforgeryField}]")?.GetAttribute("value")),
        };
        foreach (var (name, user) in members)
        {
            var client = await portal.SignedInClientAsync(user);
            identities.Add((name, client, await client.AntiforgeryTokenAsync()));
        }
        var routes = PortalRoutes.All(portal.Services).Where(r => !r.Pattern.RawText!.Contains("_framework", StringComparison.Ordinal)).ToList();
        Assert.Contains(routes, r => r.QueryNames.Contains("size") && r.ToString().EndsWith("/buckets", StringComparison.Ordinal));
        var cases = Cases(routes, tenant).ToList();

        using var logs = new LogCapture();
        portal.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases.Select((c, i) => (Case: c, Index: i)), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (item, cancellationToken) =>
        {
            // Each case as one identity, in turn, so every identity meets every route and every parameter.
            var (name, client, token) = identities[item.Index % identities.Count];
            using var request = item.Case.Request(token);
            var status = await StatusOfAsync(client, request, cancellationToken);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500)
            {
                failures.Add($"{name} {item.Case} -> {status}");
            }
        });
        clock.Stop();
        var errors = logs.Lines.Where(l => l.Level >= LogLevel.Error).ToList();

        var parameters = cases.Select(c => (c.Route, c.Parameter)).Distinct().Count();
        Report($"fuzz: {cases.Count} requests ({routes.Count} routes, {parameters} route x parameter or field pairs, {Values.Length} values, " +
            $"{Bodies.Length} bodies, {identities.Count} identities) in {clock.Elapsed.TotalSeconds:0.0} s");
        Report($"fuzz: answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
        Report($"fuzz: {failures.Count} answers >= 500, {errors.Count} log lines at Error; {logs.Lines.Count} log lines, " +
            $"{logs.Lines.Count(l => l.Exception is not null)} with a stack, {logs.Lines.Sum(l => l.Message.Length + (l.Exception?.Length ?? 0)) / 1024} KB of text");
        foreach (var failure in failures.Order(StringComparer.Ordinal).Take(50))
        {
            output.WriteLine($"  5xx: {failure}");
        }
        foreach (var error in errors.Take(20))
        {
            output.WriteLine($"  error: {error.Category}: {error.Message} {error.Exception?.Split('\n')[0]}");
        }
        foreach (var (_, client, _) in identities)
        {
            client.Dispose();
        }
        Assert.Empty(failures);
        Assert.Empty(errors);
        // Every fault here is the client's: one line each, no stack trace at any level.
        Assert.DoesNotContain(logs.Lines, l => l.Exception is not null);
    }

    /// <summary>
    /// A figure for the test's output and for standard output: test.sh's console shows a passing test's standard output,
    /// not what it wrote to xUnit's output.
    /// </summary>
    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>One request: a route with one parameter (route value, query value or body) set to a hostile value.</summary>
    private sealed record Case(string Method, string Url, string Route, string Parameter, string? Body, string? Form = null)
    {
        public HttpRequestMessage Request(string? token)
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Url);
            if (Method == HttpMethods.Post)
            {
                if (token is not null)
                {
                    request.Headers.Add("RequestVerificationToken", token);
                }
                var antiforgery = token is null ? "" : $"{PortalHttp.AntiforgeryField}={Uri.EscapeDataString(token)}&";
                request.Content = Body is not null
                    ? new StringContent(Body, Encoding.UTF8, "application/json")
                    // Form fields as they are written in a body (escaped already, some badly on purpose).
                    : new StringContent(antiforgery + Form, Encoding.UTF8, "application/x-www-form-urlencoded");
            }
            return request;
        }

        public override string ToString() => $"{Method} {Cut(Url, 200)}{(Body is null ? "" : $" body {Cut(Body, 60)}")}{(Form is null ? "" : $" form {Cut(Form, 80)}")}";

        private static string Cut(string text, int length) => text.Length > length ? text[..length] + "..." : text;
    }

    private static IEnumerable<Case> Cases(IReadOnlyList<PortalRoutes.Route> routes, string tenant)
    {
        foreach (var route in routes)
        {
            var method = route.Methods.Contains(HttpMethods.Get) ? HttpMethods.Get : route.Methods[0];
            yield return new Case(method, route.UrlFor(tenant), route.ToString(), "(none)", null);
            foreach (var name in route.RouteNames)
            {
                foreach (var value in Values)
                {
                    yield return new Case(method, route.UrlFor(tenant, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [name] = value }), route.ToString(), name, null);
                }
            }
            var url = route.UrlFor(tenant);
            foreach (var name in route.QueryNames)
            {
                foreach (var value in Values)
                {
                    yield return new Case(method, $"{url}?{name}={value}", route.ToString(), name, null);
                }
                yield return new Case(method, $"{url}?{name}=1&{name}=2", route.ToString(), name, null);
                yield return new Case(method, $"{url}?{name}", route.ToString(), name, null);
            }
            foreach (var form in route.Forms)
            {
                foreach (var field in form.Fields)
                {
                    foreach (var value in Values)
                    {
                        yield return new Case(HttpMethods.Post, url, route.ToString(), $"{form.Name}:{field}", null, $"_handler={form.Name}&{field}={value}");
                    }
                }
            }
            if (route.Methods.Contains(HttpMethods.Post) && !route.Methods.Contains(HttpMethods.Get))
            {
                foreach (var body in Bodies)
                {
                    yield return new Case(HttpMethods.Post, url, route.ToString(), "(body)", body);
                }
            }
        }
    }

    private static async Task<int> StatusOfAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The connection closed without an answer: as bad as a 5xx.
            return 599;
        }
        catch (TaskCanceledException)
        {
            return 598;
        }
    }
}
