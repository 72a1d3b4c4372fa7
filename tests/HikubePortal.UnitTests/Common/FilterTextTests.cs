using HikubePortal.Application.Common;

namespace HikubePortal.UnitTests.Common;

/// <summary>Filter text from addresses and forms: what pages keep, what services refuse.</summary>
public sealed class FilterTextTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("", null, false)]
    [InlineData("  ana@example.com ", "ana@example.com", false)]
    [InlineData("ana\0@example.com", "ana@example.com", true)]
    [InlineData("\0", null, true)]
    [InlineData("a\u001bb\u007f", "ab", true)]
    public void Pages_drop_control_characters_and_say_so(string? value, string? kept, bool changed)
    {
        Assert.Equal(kept, FilterText.Clean(value, out var wasChanged));
        Assert.Equal(changed, wasChanged);
    }

    [Fact]
    public void Pages_cut_overlong_text()
    {
        var kept = FilterText.Clean(new string('a', 300), out var changed);

        Assert.Equal(FilterText.MaxLength, kept!.Length);
        Assert.True(changed);
    }

    [Theory]
    [InlineData("ana\0")]
    [InlineData("line\nbreak")]
    public void Services_refuse_control_characters_in_words(string value)
    {
        var error = Assert.Throws<InvalidException>(() => FilterText.Ensure("User", value, "user"));

        Assert.Equal("The user filter cannot contain control characters.", error.Message);
        Assert.True(error.Errors.ContainsKey("User"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(FilterText.MaxPage + 1)]
    [InlineData(int.MaxValue)]
    public void Services_refuse_pages_out_of_range(int page)
    {
        var error = Assert.Throws<InvalidException>(() => FilterText.EnsurePage(page));

        Assert.Contains($"There is no page {page}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acceptable_filters_pass()
    {
        FilterText.Ensure("User", null, "user");
        FilterText.Ensure("User", "ana@example.com", "user");
        FilterText.EnsurePage(1);
        FilterText.EnsurePage(FilterText.MaxPage);
        Assert.Equal("ana@example.com", FilterText.Clean("ana@example.com", out var changed));
        Assert.False(changed);
    }
}
