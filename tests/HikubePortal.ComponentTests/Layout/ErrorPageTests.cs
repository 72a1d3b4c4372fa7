using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Errors;

namespace HikubePortal.ComponentTests.Layout;

public sealed class ErrorPageTests : PortalTestContext
{
    [Theory]
    [InlineData(403, "Not allowed", "Your role does not allow this.")]
    [InlineData(404, "Not found", "There is nothing here, or you may not see it.")]
    [InlineData(429, "Too many attempts", "Wait a minute")]
    [InlineData(500, "Something went wrong", "could not complete")]
    public void Each_status_gets_plain_words(int code, string title, string words)
    {
        var page = Render<Error>(p => p.Add(e => e.Code, code));

        Assert.Equal(title, page.Find("h1").TextContent.Trim());
        Assert.Contains(words, page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/", page.Find("a[href='/']").GetAttribute("href"));
    }
}
