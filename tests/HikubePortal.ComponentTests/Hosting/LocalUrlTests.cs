using HikubePortal.Web.Endpoints;

namespace HikubePortal.ComponentTests.Hosting;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/t/acme/members?x=1", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("/redirect?to=https://evil.example", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("t/acme", false)]
    [InlineData("/a\r\nLocation: x", false)]
    public void Only_paths_of_this_site_are_local(string? url, bool local)
    {
        Assert.Equal(local, LocalUrl.IsLocal(url));
    }

    [Fact]
    public void Falls_back_when_the_url_is_not_local()
    {
        Assert.Equal("/", LocalUrl.OrDefault("https://evil.example/", "/"));
        Assert.Equal("/t/a", LocalUrl.OrDefault("/t/a", "/"));
    }
}
