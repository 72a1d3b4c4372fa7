using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Errors;

namespace HikubePortal.ComponentTests.Layout;

public sealed class ErrorPageTests
{
    [Theory]
    [InlineData(403, "Not allowed", "Your role does not allow this.")]
    [InlineData(404, "Not found", "There is nothing here, or you may not see it.")]
    [InlineData(429, "Too many attempts", "Wait a minute")]
    [InlineData(500, "Something went wrong", "could not complete")]
    public async Task Each_status_gets_plain_words(int code, string title, string words)
    {
        await using var harness = new ComponentHarness();

        var page = await harness.RenderAsync<Error>(new Dictionary<string, object?> { [nameof(Error.Code)] = code });

        Assert.Equal(title, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains(words, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/", page.QuerySelector("a[href='/']")?.GetAttribute("href"));
    }
}
