using HikubePortal.Web.Hosting;
using Microsoft.Extensions.Primitives;

namespace HikubePortal.UnitTests.Hosting;

public sealed class RequestIdsTests
{
    [Theory]
    [InlineData("abc-123")]
    [InlineData("0HN7:00000001")]
    [InlineData("6f1c2b0e-3a4d-4c5e-9f60-718293a4b5c6")]
    [InlineData("a_b.c")]
    public void A_sane_incoming_id_is_kept(string id) => Assert.Equal(id, RequestIds.Accept(new StringValues(id)));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("line\nbreak")]
    [InlineData("<script>")]
    [InlineData("quote\"")]
    [InlineData("ünïcode")]
    public void An_id_with_other_characters_is_refused(string id) => Assert.Null(RequestIds.Accept(new StringValues(id)));

    [Fact]
    public void An_id_longer_than_the_limit_or_sent_twice_is_refused()
    {
        Assert.NotNull(RequestIds.Accept(new StringValues(new string('a', RequestIds.MaxLength))));
        Assert.Null(RequestIds.Accept(new StringValues(new string('a', RequestIds.MaxLength + 1))));
        Assert.Null(RequestIds.Accept(new StringValues(["one", "two"])));
        Assert.Null(RequestIds.Accept(StringValues.Empty));
    }

    [Fact]
    public void New_ids_are_unique_and_acceptable_when_sent_back()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => RequestIds.New()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(id, RequestIds.Accept(new StringValues(id))));
    }
}
