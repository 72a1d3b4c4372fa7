using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Admin;

/// <summary>The audit log: the address is the query, filters rewrite the address, failures are words.</summary>
public sealed class AuditLogViewTests : PortalTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly FakeAuditQueryService _audit = new();

    public AuditLogViewTests() => Services.AddSingleton<IAuditQueryService>(_audit);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<AuditLogView> RenderAt(string url, string? tenant = "acme")
    {
        Navigation.NavigateTo(url);
        return Render<AuditLogView>(p => p.Add(v => v.Path, tenant is null ? "/operator/audit" : $"/t/{tenant}/audit").Add(v => v.Tenant, tenant));
    }

    private static AuditEntryView Entry(int i) =>
        new(i, Now.AddMinutes(-i), AuditActions.BucketCreated, AuditOutcome.Success, "ana@example.com", "acme", $"bucket-{i}", null, null);

    [Fact]
    public void The_address_is_the_query_the_service_gets()
    {
        _audit.Entries = [Entry(1)];

        var log = RenderAt("/t/acme/audit?user=ana&action=bucket&from=2026-12-01&to=2026-12-06&page=2");

        log.WaitForAssertion(() => Assert.Contains("bucket-1", log.Markup, StringComparison.Ordinal), Wait);
        var (tenant, query, all) = Assert.Single(_audit.Queries);
        Assert.Equal(("acme", false), (tenant, all));
        Assert.Equal(new AuditQuery("ana", "bucket", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 6), 2), query);
        Assert.Equal("ana", log.ByLabel("User").GetAttribute("value"));
        Assert.Equal("2026-12-01", log.ByLabel("From").GetAttribute("value"));
    }

    [Fact]
    public void Typing_a_user_rewrites_the_address_and_reads_again()
    {
        var log = RenderAt("/t/acme/audit?action=member");
        log.WaitForAssertion(() => Assert.Single(_audit.Queries), Wait);

        log.ByLabel("User").Input("bob@example.com");

        log.WaitForAssertion(() => Assert.Equal("http://localhost/t/acme/audit?user=bob@example.com&action=member", Navigation.Uri), Wait);
        log.WaitForAssertion(() => Assert.Equal(new AuditQuery("bob@example.com", "member"), _audit.Queries[^1].Query), Wait);
    }

    [Theory]
    [InlineData("bo\0b", "bob")]
    [InlineData("a\u001b[31mb\u007f", "a[31mb")]
    [InlineData("<script>alert(1)</script>", "<script>alert(1)</script>")]
    [InlineData("' OR 1=1 --", "' OR 1=1 --")]
    public void Hostile_text_typed_into_a_filter_over_the_circuit_is_searched_for_cleaned_and_the_page_lives_on(string typed, string searched)
    {
        var log = RenderAt("/t/acme/audit");
        log.WaitForAssertion(() => Assert.Single(_audit.Queries), Wait);

        log.ByLabel("User").Input(typed);

        log.WaitForAssertion(() => Assert.Equal(new AuditQuery(searched), _audit.Queries[^1].Query), Wait);
        Assert.Empty(log.FindAll("script")); // text stays text: in the field's value, never an element
        log.ByLabel("User").Input("ana");
        log.WaitForAssertion(() => Assert.Equal(new AuditQuery("ana"), _audit.Queries[^1].Query), Wait);
    }

    [Fact]
    public void Ten_thousand_characters_typed_into_a_filter_are_cut_to_what_can_be_searched_for()
    {
        var log = RenderAt("/t/acme/audit");
        log.WaitForAssertion(() => Assert.Single(_audit.Queries), Wait);

        log.ByLabel("User").Input(new string('x', 10_000));

        log.WaitForAssertion(() => Assert.Equal(FilterText.MaxLength, _audit.Queries[^1].Query.User?.Length), Wait);
    }

    [Fact]
    public void A_bad_page_in_the_address_is_the_first_page_with_a_word_and_no_error()
    {
        var log = RenderAt("/t/acme/audit?page=abc&user=an%00a");

        log.WaitForAssertion(() => Assert.Equal(new AuditQuery("ana"), Assert.Single(_audit.Queries).Query), Wait);
        Assert.Contains("The address asks for a page that does not exist: this is the first page.", log.Markup, StringComparison.Ordinal);
        Assert.Contains("The user filter in the address had characters that cannot be searched for", log.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_and_previous_are_links_to_the_neighbouring_pages()
    {
        _audit.Entries = [.. Enumerable.Range(51, 50).Select(Entry)];
        _audit.HasMore = true;

        var log = RenderAt("/t/acme/audit?user=ana&page=2");

        log.WaitForAssertion(() => Assert.Equal("/t/acme/audit?user=ana&page=3", log.Find("a[rel=next]").GetAttribute("href")), Wait);
        Assert.Equal("/t/acme/audit?user=ana", log.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Contains("Entries 51–100", log.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_read_is_said_in_words_and_the_filters_stay()
    {
        _audit.Failure = new InvalidException("The user filter cannot contain control characters.");

        var log = RenderAt("/t/acme/audit");

        log.WaitForAssertion(() => Assert.Contains("The user filter cannot contain control characters.", log.Find("[role=alert]").TextContent, StringComparison.Ordinal), Wait);
        Assert.NotNull(log.ByLabel("User"));
    }

    [Fact]
    public void Operators_filter_by_tenant_and_see_the_tenant_of_each_entry()
    {
        _audit.Entries = [Entry(1)];

        var log = RenderAt("/operator/audit?tenant=tenant-acme", tenant: null);

        log.WaitForAssertion(() => Assert.Contains("bucket-1", log.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(("tenant-acme", true), (_audit.Queries[0].Tenant, _audit.Queries[0].All));
        Assert.Equal("tenant-acme", log.ByLabel("Tenant").GetAttribute("value"));
        Assert.Contains(log.FindAll("th"), th => th.TextContent.Trim() == "Tenant");
    }
}
