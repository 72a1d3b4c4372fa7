using HikubePortal.Application.Audit;
using HikubePortal.Web.Components.Pages.Audit;

namespace HikubePortal.ComponentTests.Admin;

/// <summary>The audit log's address → its query, leniently: bad values fall back to defaults with a word, never an error.</summary>
public sealed class AuditViewTests
{
    [Fact]
    public void Filters_and_page_from_the_address_become_the_query()
    {
        var view = AuditView.Parse("tenant-acme", " ana@example.com ", "bucket", "2026-12-01", "2026-12-06", "3");

        Assert.Equal(new AuditQuery("ana@example.com", "bucket", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 6), 3), view.Query);
        Assert.Equal("tenant-acme", view.Tenant);
        Assert.Empty(view.Notices);
        Assert.Equal("/operator/audit?tenant=tenant-acme&user=ana@example.com&action=bucket&from=2026-12-01&to=2026-12-06&page=3", view.Url("/operator/audit"));
        Assert.Equal("/operator/audit?tenant=tenant-acme&user=ana@example.com&action=bucket&from=2026-12-01&to=2026-12-06", view.Url("/operator/audit", page: 1));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1.5")]
    [InlineData("100001")]
    [InlineData("99999999999999")]
    public void A_page_that_does_not_exist_is_the_first_page_with_a_word(string page)
    {
        var view = AuditView.Parse(null, null, null, null, null, page);

        Assert.Equal(1, view.Query.Page);
        Assert.Equal("The address asks for a page that does not exist: this is the first page.", Assert.Single(view.Notices));
    }

    [Fact]
    public void Control_characters_are_left_out_of_the_filters_with_a_word()
    {
        var view = AuditView.Parse("acme\0", "ana\0@example.com", "\0", null, null, null);

        Assert.Equal("ana@example.com", view.Query.User);
        Assert.Null(view.Query.Action);
        Assert.Equal("acme", view.Tenant);
        Assert.Equal(3, view.Notices.Count);
        Assert.Contains("The user filter in the address had characters that cannot be searched for: they were left out.", view.Notices);
        Assert.DoesNotContain('\0', view.Url("/t/acme/audit"));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("06/12/2026")]
    public void A_date_that_is_not_one_is_left_out(string date)
    {
        var view = AuditView.Parse(null, null, null, date, null, null);

        Assert.Null(view.Query.From);
        Assert.Equal("The from date in the address is not a date (year-month-day): it is left out.", Assert.Single(view.Notices));
    }

    [Fact]
    public void Action_choices_offer_every_action_and_each_kind()
    {
        var values = AuditView.ActionChoices.Select(c => c.Value).ToList();

        Assert.All(AuditActions.All, action => Assert.Contains(action, values));
        Assert.Contains(("bucket", "Every bucket action"), AuditView.ActionChoices);
        Assert.True(values.IndexOf("bucket") < values.IndexOf(AuditActions.BucketCreated));
    }
}
