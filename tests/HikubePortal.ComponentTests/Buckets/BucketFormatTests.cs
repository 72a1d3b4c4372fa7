using HikubePortal.Application.Buckets;
using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.ComponentTests.Buckets;

public sealed class BucketFormatTests
{
    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1, "1 byte")]
    [InlineData(1023, "1023 bytes")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5L * 1024 * 1024, "5.0 MiB")]
    [InlineData(300L * 1024 * 1024 * 1024, "300 GiB")]
    public void Sizes_use_binary_units(long bytes, string words) => Assert.Equal(words, BucketFormat.Bytes(bytes));

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(60, "1 minute ago")]
    [InlineData(7200, "2 hours ago")]
    [InlineData(3 * 86400, "3 days ago")]
    public void Ages_are_words(int seconds, string words) =>
        Assert.Equal(words, BucketFormat.Age(FixedTime.Now.AddSeconds(-seconds), FixedTime.Now));

    [Fact]
    public void Old_times_become_dates() =>
        Assert.Equal("1 Jan 2026", BucketFormat.Age(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), FixedTime.Now));

    [Theory]
    [InlineData(0, 0, 0, true, "Empty: no objects.")]
    [InlineData(12, 4096, 3, true, "12 objects in 3 folders, 4.0 KiB.")]
    [InlineData(10001, 5L * 1024 * 1024, 0, false, "More than 10,001 objects (at least 5.0 MiB); counting stopped there.")]
    public void Usage_in_words(long objects, long bytes, long folders, bool complete, string words) =>
        Assert.Equal(words, BucketUsageText.Describe(new BucketUsage(objects, bytes, folders, complete)));
}
