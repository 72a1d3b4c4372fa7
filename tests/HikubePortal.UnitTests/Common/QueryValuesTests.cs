using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Web.Components;
using HikubePortal.Web.Components.Pages.Buckets;
using HikubePortal.Web.Components.Pages.Objects;

namespace HikubePortal.UnitTests.Common;

/// <summary>The shared parser of values taken from an address: hostile text gets the default, never an exception.</summary>
public sealed class QueryValuesTests
{
    public static TheoryData<string?> Hostile => new()
    {
        null, "", " ", "abc", "-1", "+5", "1.5", "1e3", "0x10", "99999999999", "2147483648", "٣", "1\0", "\0", "%ff", "5 5",
        new string('7', 10_000), "<script>", "' OR 1=1--",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_value_that_is_not_a_number_in_range_is_no_number(string? value) =>
        Assert.Null(QueryValues.Number(value, 1, 1000));

    [Theory]
    [InlineData("1", 1)]
    [InlineData(" 42 ", 42)]
    [InlineData("1000", 1000)]
    [InlineData("0007", 7)]
    public void Digits_in_range_are_the_number(string value, int expected) =>
        Assert.Equal(expected, QueryValues.Number(value, 1, 1000));

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void Numbers_out_of_range_are_no_number(string value) => Assert.Null(QueryValues.Number(value, 1, 1000));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_bad_page_is_the_first_page_with_a_notice_unless_it_was_empty(string? value)
    {
        var notices = new List<string>();
        Assert.Equal(1, QueryValues.Page(value, notices));
        Assert.Equal(string.IsNullOrWhiteSpace(value) ? 0 : 1, notices.Count);
    }

    [Theory]
    [InlineData("size", BucketSort.Size)]
    [InlineData("CREATED", BucketSort.Created)]
    [InlineData(" users ", BucketSort.Users)]
    public void A_choice_is_one_of_the_names_in_any_case(string value, BucketSort expected) =>
        Assert.Equal(expected, QueryValues.Choice<BucketSort>(value));

    [Theory]
    [InlineData("1")]
    [InlineData("99")]
    [InlineData("name,size")]
    [InlineData("siz")]
    [InlineData("size\0")]
    [InlineData("")]
    [InlineData(null)]
    public void Numbers_flags_and_unknown_names_are_no_choice(string? value) => Assert.Null(QueryValues.Choice<BucketSort>(value));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void The_bucket_list_reads_any_address_as_a_valid_view(string? value)
    {
        var query = BucketListUrl.Parse(value, value, value, value, value);
        Assert.Contains(query.PageSize, BucketListQuery.PageSizes);
        Assert.InRange(query.Page, 1, FilterText.MaxPage);
        Assert.True(query.Filter is null || (query.Filter.Length <= FilterText.MaxLength && !query.Filter.Any(char.IsControl)));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void The_object_browser_reads_any_address_as_a_valid_view(string? value)
    {
        var query = ObjectBrowserQuery.From(null, null, value, "token", null, value, value, value);
        Assert.Contains(query.PageSize, ObjectBrowserQuery.PageSizes);
        Assert.True(query.Page >= 2);
        Assert.Equal(ObjectSort.Name, query.Sort);
    }
}
