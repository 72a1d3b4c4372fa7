using System.Net.Http.Headers;
using HikubePortal.Storage.Links;

namespace HikubePortal.UnitTests.Storage;

public sealed class ContentDispositionTests
{
    [Theory]
    [InlineData("report.pdf")]
    [InlineData("résumé final.pdf")]
    [InlineData("日本語 ✓.txt")]
    [InlineData("quote\"back\\slash;semi,comma.txt")]
    [InlineData("per%cent+plus#hash?.txt")]
    public void Attachment_carries_the_exact_name_as_rfc5987_filename_star(string name)
    {
        var header = ContentDisposition.Attachment(name);
        var parsed = ContentDispositionHeaderValue.Parse(header);

        Assert.Equal("attachment", parsed.DispositionType);
        Assert.Equal(name, parsed.FileNameStar);
        Assert.Contains("filename*=UTF-8''", header, StringComparison.Ordinal);
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void Control_characters_are_replaced_and_an_empty_name_gets_a_default()
    {
        Assert.Equal("a_b.txt", ContentDispositionHeaderValue.Parse(ContentDisposition.Attachment("a\nb.txt")).FileNameStar);
        Assert.Equal("download", ContentDispositionHeaderValue.Parse(ContentDisposition.Attachment("")).FileNameStar);
    }
}
