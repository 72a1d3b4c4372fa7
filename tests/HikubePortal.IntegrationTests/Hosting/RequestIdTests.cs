using System.Net;
using System.Text.RegularExpressions;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.Hosting;

public sealed partial class RequestIdTests(OperationsPortal portal) : IClassFixture<OperationsPortal>
{
    [Fact]
    public async Task A_sane_incoming_request_id_is_echoed()
    {
        using var client = portal.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Request-Id", "lb-7f3a:0001");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("lb-7f3a:0001", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has spaces and <angle> brackets")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_missing_or_unsafe_request_id_is_replaced_by_a_new_one(string? incoming)
    {
        using var client = portal.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        if (incoming is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Request-Id", incoming);
        }

        using var first = await client.SendAsync(request);
        using var second = await client.GetAsync("/healthz");

        var id = Assert.Single(first.Headers.GetValues("X-Request-Id"));
        Assert.Matches(NewId(), id);
        Assert.NotEqual(id, Assert.Single(second.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task The_error_page_shows_the_request_id_so_a_user_can_quote_it()
    {
        var user = await portal.CreateUserAsync();
        using var client = await portal.SignedInClientAsync(user);
        client.DefaultRequestHeaders.Add("X-Request-Id", "quote-me-42");

        var (response, page) = await client.GetPageAsync("/t/no-such-tenant/members");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("quote-me-42", Assert.Single(response.Headers.GetValues("X-Request-Id")));
        Assert.Equal("quote-me-42", page.QuerySelector("code.request-id")?.TextContent);
    }

    [Fact]
    public async Task Every_log_line_of_a_request_carries_its_request_id_and_trace_id()
    {
        using var client = portal.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Request-Id", "sign-in-attempt-9");

        using var response = await client.SignInAsync("nobody-" + Guid.NewGuid().ToString("N") + "@example.com", "Wrong-password-123");

        var lines = portal.Logs.Lines.Where(l => l.Scope("RequestId") == "sign-in-attempt-9").ToList();
        Assert.Contains(lines, l => l.Category.EndsWith("DbAuditLog", StringComparison.Ordinal) && l.Message.StartsWith("Audit account.sign-in Failure", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches("^[0-9a-f]{32}$", l.Scope("TraceId") ?? ""));
        Assert.Single(lines.Select(l => l.Scope("TraceId")).Distinct());
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex NewId();
}
