using System.Net;
using AngleSharp.Dom;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Audit;

/// <summary>The audit log: what is written, who sees which entries, filters and paging.</summary>
public sealed class AuditLogTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Tenant_admins_see_their_tenants_membership_changes_and_nothing_of_other_tenants()
    {
        var admin = await portal.CreateUserAsync("admin");
        var member = await portal.CreateUserAsync("member");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        var otherTenant = await portal.CreateTenantAsync((member, TenantRole.Admin));
        using var client = await portal.SignedInClientAsync(admin);
        await client.PostFormAsync($"/t/{tenant}/members", "member-add", new Dictionary<string, string> { ["Add.Email"] = member.Email, ["Add.Role"] = "view" });

        var (response, page) = await client.GetPageAsync($"/t/{tenant}/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Rows(page);
        Assert.Contains(rows, r => r.Contains(AuditActions.MemberAdded, StringComparison.Ordinal) && r.Contains(member.Email, StringComparison.Ordinal) && r.Contains(admin.Email, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(AuditActions.SignIn, StringComparison.Ordinal));
        Assert.DoesNotContain(otherTenant, page.Body!.TextContent, StringComparison.Ordinal);
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
        using var client = await portal.SignedInClientAsync(op);

        var (_, page) = await client.GetPageAsync($"/operator/audit?user={Uri.EscapeDataString(user.Email)}&action={AuditActions.SignIn}");

        var rows = Rows(page);
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("failure", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("success", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains(user.Email, r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tenant_log_is_paged_and_filtered_by_date()
    {
        var admin = await portal.CreateUserAsync("admin");
        var tenant = await portal.CreateTenantAsync((admin, TenantRole.Admin));
        await portal.AsUserAsync(admin, async services =>
        {
            var log = services.GetRequiredService<IAuditLog>();
            for (var i = 0; i < 55; i++)
            {
                await log.WriteAsync(new AuditRecord(AuditActions.ObjectDeleted, Tenant: tenant, Target: $"logs/{i:D2}.txt"), CancellationToken.None);
            }
            return 0;
        });
        using var client = await portal.SignedInClientAsync(admin);
        var url = $"/t/{tenant}/audit?action={AuditActions.ObjectDeleted}";

        var (_, first) = await client.GetPageAsync(url);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await client.GetPageAsync(next);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, yesterdayOnly) = await client.GetPageAsync($"{url}&to={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}");
        var (_, todayOnly) = await client.GetPageAsync($"{url}&from={today}&to={today}");

        Assert.Equal(50, Rows(first).Count);
        Assert.Contains("logs/54.txt", Rows(first)[0], StringComparison.Ordinal);
        Assert.Equal(5, Rows(second).Count);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.NotNull(second.QuerySelector("a[rel=prev]"));
        Assert.Empty(Rows(yesterdayOnly));
        Assert.Equal(50, Rows(todayOnly).Count);
    }

    private static List<string> Rows(IDocument page) =>
        [.. page.QuerySelectorAll("table tbody tr").Select(r => r.TextContent)];
}
