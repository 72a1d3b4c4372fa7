using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Storage.Listing;

namespace HikubePortal.UnitTests.Storage;

public sealed class PageTokenTests
{
    [Theory]
    [InlineData("", "1/marker")]
    [InlineData("photos/2026/", "photos/2026/img-0001.jpg")]
    [InlineData("ünï cödé/+%#?/", "ünï cödé/+%#?/x")]
    public void Token_round_trips_for_its_prefix_and_is_query_string_safe(string prefix, string continuation)
    {
        var token = PageToken.Encode(prefix, continuation);

        Assert.Equal(continuation, PageToken.Decode(token, prefix));
        Assert.Equal(Uri.EscapeDataString(token), token);
    }

    [Fact]
    public void Token_does_not_show_the_prefix_it_belongs_to()
    {
        var token = PageToken.Encode("private-folder/", "c");
        Assert.DoesNotContain("private", token, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other/")]
    [InlineData("photos/2026/a")]
    [InlineData("")]
    public void Token_of_another_prefix_is_invalid(string prefix)
    {
        var token = PageToken.Encode("photos/2026/", "photos/2026/x");
        var error = Assert.Throws<InvalidException>(() => PageToken.Decode(token, prefix));
        Assert.Equal(["pageToken"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("2.abc.def")]
    [InlineData("1..")]
    [InlineData("1.a.b.c")]
    [InlineData("1.!!!.###")]
    public void Malformed_tokens_are_invalid(string token)
    {
        var error = Assert.Throws<InvalidException>(() => PageToken.Decode(token, "p/"));
        Assert.Equal(["pageToken"], error.Errors.Keys);
    }

    [Fact]
    public void A_token_whose_continuation_is_not_utf8_is_invalid()
    {
        var valid = PageToken.Encode("p/", "x");
        var tag = valid.Split('.')[1];
        var error = Assert.Throws<InvalidException>(() => PageToken.Decode($"1.{tag}.__8", "p/"));
        Assert.Equal(["pageToken"], error.Errors.Keys);
    }
}
