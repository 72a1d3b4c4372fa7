using HikubePortal.Web.Components;

namespace HikubePortal.ComponentTests.Layout;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-10, "just now")]
    [InlineData(-60, "1 minute ago")]
    [InlineData(-300, "5 minutes ago")]
    [InlineData(-7200, "2 hours ago")]
    [InlineData(-86400, "1 day ago")]
    [InlineData(604800, "in 7 days")]
    [InlineData(30, "in a moment")]
    [InlineData(-86400 * 45, "2026-10-07")]
    public void Describes_times_in_words(int seconds, string words)
    {
        Assert.Equal(words, RelativeTime.Describe(Now.AddSeconds(seconds), Now));
    }
}
