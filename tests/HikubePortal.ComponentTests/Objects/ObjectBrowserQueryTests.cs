using HikubePortal.Web.Components.Pages.Objects;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>The browser's URL state: the trail of page tokens behind Previous, its bound, and parsing back what it wrote.</summary>
public sealed class ObjectBrowserQueryTests
{
    [Fact]
    public void Next_then_previous_walks_back_to_the_first_page()
    {
        var first = ObjectBrowserQuery.From("docs", null, 50, null, null, null, null, null);
        var second = first.Next("1.aa.T1");
        var third = second.Next("1.aa.T2");

        Assert.Equal((2, "1.aa.T1"), (second.Page, second.Token));
        Assert.Equal((3, "1.aa.T2"), (third.Page, third.Token));
        Assert.Equal(101, third.FirstIndex);
        var back = third.Previous()!;
        Assert.Equal((2, "1.aa.T1"), (back.Page, back.Token));
        var start = back.Previous()!;
        Assert.Equal((1, (string?)null), (start.Page, start.Token));
        Assert.Empty(start.PreviousTokens);
        Assert.Null(start.Previous());
        Assert.Equal("?prefix=docs%2F&size=50", start.QueryString());
    }

    [Fact]
    public void The_query_string_parses_back_to_the_same_state()
    {
        var query = ObjectBrowserQuery.From("a b/ü+%#?/", "x y", 500, null, null, null, "size", "desc").Next("1.p.A-_").Next("1.p.B");

        var text = query.QueryString();
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text);
        var parsed = ObjectBrowserQuery.From(values["prefix"], values["q"], int.Parse(values["size"]!, System.Globalization.CultureInfo.InvariantCulture),
            values["token"], values["trail"], int.Parse(values["page"]!, System.Globalization.CultureInfo.InvariantCulture), values["sort"], values["dir"]);

        Assert.Equal("a b/ü+%#?/", parsed.Prefix);
        Assert.Equal("x y", parsed.Search);
        Assert.Equal((500, "1.p.B", 3, ObjectSort.Size, true), (parsed.PageSize, parsed.Token, parsed.Page, parsed.Sort, parsed.Descending));
        Assert.Equal(["-", "1.p.A-_"], parsed.PreviousTokens);
    }

    [Fact]
    public void The_trail_stays_bounded_and_then_offers_only_the_first_page()
    {
        var query = ObjectBrowserQuery.From(null, null, null, null, null, null, null, null);
        var token = new string('t', 400);
        for (var i = 0; i < 50; i++)
        {
            query = query.Next($"{token}{i}");
        }

        Assert.Equal(51, query.Page);
        Assert.True(string.Join("~", query.PreviousTokens).Length <= ObjectBrowserQuery.MaxTrailLength);
        Assert.True(query.QueryString().Length < 4 * 1024, "the URL stays short");
        var back = query;
        var steps = 0;
        while (back.Previous() is { } previous)
        {
            back = previous;
            steps++;
        }
        Assert.InRange(steps, 5, 49);
        Assert.Equal(51 - steps, back.Page);
        Assert.Equal(1, back.First().Page);
        Assert.Null(back.First().Token);
    }

    [Theory]
    [InlineData(7, "bogus", "up", 100, ObjectSort.Name, false)]
    [InlineData(1000, "MODIFIED", "desc", 1000, ObjectSort.Modified, true)]
    public void Unknown_values_fall_back_to_the_defaults(int size, string sort, string dir, int expectedSize, ObjectSort expectedSort, bool descending)
    {
        var query = ObjectBrowserQuery.From(null, "", size, "", "x~y", 9, sort, dir);

        Assert.Equal((expectedSize, expectedSort, descending), (query.PageSize, query.Sort, query.Descending));
        Assert.Equal((1, (string?)null, (string?)null), (query.Page, query.Token, query.Search));
        Assert.Empty(query.PreviousTokens);
    }
}
