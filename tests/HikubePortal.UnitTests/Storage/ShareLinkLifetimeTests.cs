using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.UnitTests.Storage;

public sealed class ShareLinkLifetimeTests
{
    [Theory]
    [InlineData(60)]
    [InlineData(3600)]
    [InlineData(604_800)]
    public void One_minute_to_seven_days_is_accepted(int seconds) => ShareLinkLifetime.EnsureValid(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    [InlineData(604_801)]
    [InlineData(-60)]
    public void Anything_else_is_invalid(int seconds) =>
        Assert.Equal(["lifetime"], Assert.Throws<InvalidException>(() => ShareLinkLifetime.EnsureValid(TimeSpan.FromSeconds(seconds))).Errors.Keys);
}
