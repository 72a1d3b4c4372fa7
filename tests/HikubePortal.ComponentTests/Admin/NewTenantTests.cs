using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Operators;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Admin;

/// <summary>An operator creates a tenant: the name is checked as typed; the first admin is optional.</summary>
public sealed class NewTenantTests : PortalTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly FakeTenantService _tenants = new();

    public NewTenantTests()
    {
        Services.AddSingleton<ITenantService>(_tenants);
        _tenants.Tenants.Add(new TenantSummary(Guid.NewGuid(), "beta", Now, 1, 1));
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<NewTenant> RenderForm(string name, string? firstAdmin = null)
    {
        var page = Render<NewTenant>();
        page.Find("#tenant-name").Input(name);
        if (firstAdmin is not null)
        {
            page.Find("#tenant-admin").Change(firstAdmin);
        }
        return page;
    }

    [Fact]
    public void A_tenant_without_a_first_admin_is_created()
    {
        var page = RenderForm("acme");
        page.WaitForAssertion(() => Assert.Contains("tenant-acme is available.", page.Markup, StringComparison.Ordinal), Wait);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(("acme", (string?)null), Assert.Single(_tenants.Created)), Wait);
        Assert.Equal("http://localhost/operator/tenants", Navigation.Uri);
        Assert.DoesNotContain("Enter an email address", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tenant_with_a_first_admin_is_created_with_them()
    {
        var page = RenderForm("acme", " ana@example.com ");

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(("acme", "ana@example.com"), Assert.Single(_tenants.Created)), Wait);
    }

    [Fact]
    public void A_first_admin_that_is_not_an_email_address_is_refused_in_words()
    {
        var page = RenderForm("acme", "ana");

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Enter an email address, or leave it empty.", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(_tenants.Created);
    }

    [Fact]
    public void A_first_admin_without_an_account_is_refused_under_the_field()
    {
        _tenants.CreateFailure = InvalidException.For("FirstAdminEmail", "There is no user nobody@example.com; invite them from the members page instead.");
        var page = RenderForm("acme", "nobody@example.com");

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("There is no user nobody@example.com", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    [Theory]
    [InlineData("beta", "Tenant name beta is already used.")]
    [InlineData("tenant-acme", "Leave out the tenant- prefix")]
    [InlineData("Acme", "Use lowercase letters, digits and hyphens")]
    public void The_name_is_checked_as_it_is_typed(string name, string problem)
    {
        var page = RenderForm(name);

        page.WaitForAssertion(() => Assert.Contains(problem, page.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("is available", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_taken_meanwhile_is_refused_under_the_name()
    {
        _tenants.CreateFailure = new ConflictException("Tenant name acme is already used.");
        var page = RenderForm("acme");

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Tenant name acme is already used.", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(_tenants.Created);
    }
}
