using System.Net;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Audit;

/// <summary>
/// The audit log: what is written, who sees which entries, filters and paging (read through the service the
/// interactive pages call), and pages that answer any address in words, never with an error.
/// </summary>
public sealed class AuditLogTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Tenant_admins_see_their_tenants_membership_changes_and_nothing_of_other_tenants()
    {
        var admin = await portal.CreateUserAsync("admin");
        var member = await portal.CreateUserAsync("member");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        var otherTenant = await portal.CreateTenantAsync((member, TenantRole.Admin));
        using (var client = await portal.SignedInClientAsync(admin))
        {
            using var page = await client.GetAsync($"/t/{tenant}/audit");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var log = await portal.AsUserAsync(admin, async services =>
        {
            await services.GetRequiredService<IMembershipService>().AddExistingAsync(tenant, member.Email, TenantRole.View, CancellationToken.None);
            return await services.GetRequiredService<IAuditQueryService>().QueryTenantAsync(tenant, new AuditQuery(), CancellationToken.None);
        });

        Assert.Contains(log.Items, e => e.Action == AuditActions.MemberAdded && e.Target == member.Email && e.UserName == admin.Email);
        Assert.DoesNotContain(log.Items, e => e.Action == AuditActions.SignIn);
        Assert.All(log.Items, e => Assert.Equal(tenant, e.Tenant));
        Assert.DoesNotContain(log.Items, e => e.Tenant == otherTenant);
    }

    [Fact]
    public async Task Sign_ins_are_logged_with_their_outcome_and_operators_filter_them()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var user = await portal.CreateUserAsync("signer");
        using (var anonymous = portal.CreateAnonymousClient())
        {
            await anonymous.SignInAsync(user.Email, "Wrong-password-123");
            await anonymous.SignInAsync(user.Email, user.Password);
        }

        var log = await portal.AsUserAsync(op, services => services.GetRequiredService<IAuditQueryService>()
            .QueryAllAsync(null, new AuditQuery(User: user.Email, Action: AuditActions.SignIn), CancellationToken.None), isOperator: true);

        Assert.Equal(2, log.Items.Count);
        Assert.Contains(log.Items, e => e.Outcome == AuditOutcome.Failure);
        Assert.Contains(log.Items, e => e.Outcome == AuditOutcome.Success);
        Assert.All(log.Items, e => Assert.Equal(user.Email, e.UserName));
        using var client = await portal.SignedInClientAsync(op);
        var (response, page) = await client.GetPageAsync($"/operator/audit?user={Uri.EscapeDataString(user.Email)}&action={AuditActions.SignIn}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(page.QuerySelectorAll("input"), i => i.GetAttribute("value") == user.Email);
    }

    [Fact]
    public async Task The_tenant_log_is_paged_and_filtered_by_date()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (first, second, yesterdayOnly, todayOnly, endless) = await portal.AsUserAsync(admin, async services =>
        {
            var log = services.GetRequiredService<IAuditLog>();
            for (var i = 0; i < 55; i++)
            {
                await log.WriteAsync(new AuditRecord(AuditActions.ObjectDeleted, Tenant: tenant, Target: $"logs/{i:D2}.txt"), CancellationToken.None);
            }
            var audit = services.GetRequiredService<IAuditQueryService>();
            var query = new AuditQuery(Action: AuditActions.ObjectDeleted);
            return (
                await audit.QueryTenantAsync(tenant, query, CancellationToken.None),
                await audit.QueryTenantAsync(tenant, query with { Page = 2 }, CancellationToken.None),
                await audit.QueryTenantAsync(tenant, query with { To = today.AddDays(-1) }, CancellationToken.None),
                await audit.QueryTenantAsync(tenant, query with { From = today, To = today }, CancellationToken.None),
                await audit.QueryTenantAsync(tenant, query with { To = DateOnly.MaxValue }, CancellationToken.None));
        });

        Assert.Equal(50, first.Items.Count);
        Assert.True(first.HasMore);
        Assert.Equal("logs/54.txt", first.Items[0].Target);
        Assert.Equal(5, second.Items.Count);
        Assert.False(second.HasMore);
        Assert.Empty(yesterdayOnly.Items);
        Assert.Equal(50, todayOnly.Items.Count);
        Assert.Equal(50, endless.Items.Count);
    }

    [Fact]
    public async Task Filters_the_database_cannot_take_are_refused_in_words()
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var tenant = await portal.CreateTenantAsync((op, TenantRole.Admin));
        AuditQuery[] refused = [new(User: "ana\0"), new(Action: "bucket\0.created"), new(Page: 0), new(Page: int.MaxValue), new(User: new string('a', 300))];

        var messages = await portal.AsUserAsync(op, async services =>
        {
            var audit = services.GetRequiredService<IAuditQueryService>();
            var words = new List<string>();
            foreach (var query in refused)
            {
                words.Add((await Assert.ThrowsAsync<InvalidException>(() => audit.QueryTenantAsync(tenant, query, CancellationToken.None))).Message);
            }
            words.Add((await Assert.ThrowsAsync<InvalidException>(() => audit.QueryAllAsync("acme\0", new AuditQuery(), CancellationToken.None))).Message);
            return words;
        }, isOperator: true);

        Assert.Contains("The user filter cannot contain control characters.", messages);
        Assert.Contains("The tenant filter cannot contain control characters.", messages);
        Assert.Contains(messages, m => m.StartsWith("There is no page 0", StringComparison.Ordinal));
        Assert.Equal(refused.Length + 1, messages.Count);
    }

    [Theory]
    [InlineData("?page=abc")]
    [InlineData("?page=99999999999")]
    [InlineData("?page=-1&user=%00")]
    [InlineData("?user=ana%00&action=%00bucket&from=yesterday&to=2026-13-45")]
    [InlineData("?tenant=%00&page=1.5")]
    public async Task Any_address_of_the_audit_pages_answers_the_page_never_an_error(string query)
    {
        var op = await portal.CreateUserAsync("operator", isOperator: true);
        var tenant = await portal.CreateTenantAsync((op, TenantRole.Admin));
        using var client = await portal.SignedInClientAsync(op);

        foreach (var path in new[] { $"/t/{tenant}/audit", "/operator/audit" })
        {
            var (response, page) = await client.GetPageAsync(path + query);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("Audit log", page.QuerySelector("h1")?.TextContent.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain("\0", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
