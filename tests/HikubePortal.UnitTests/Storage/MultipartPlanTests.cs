using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.UnitTests.Storage;

public sealed class MultipartPlanTests
{
    private const long MiB = MultipartPlan.MiB;
    private const long GiB = 1024 * MiB;

    [Theory]
    [InlineData(0L, 16 * MiB, 1)]
    [InlineData(1L, 16 * MiB, 1)]
    [InlineData(16 * MiB, 16 * MiB, 1)]
    [InlineData(16 * MiB + 1, 16 * MiB, 2)]
    [InlineData(2 * GiB, 16 * MiB, 128)]
    [InlineData(160_000 * MiB, 16 * MiB, 10_000)]
    [InlineData(160_000 * MiB + 1, 17 * MiB, 9_412)]
    [InlineData(5 * 1024 * GiB, 525 * MiB, 9_987)]
    public void Part_size_keeps_every_file_within_ten_thousand_parts(long size, long partSize, int parts)
    {
        Assert.Equal(partSize, MultipartPlan.PartSizeFor(size));
        Assert.Equal(parts, MultipartPlan.PartCount(size, MultipartPlan.PartSizeFor(size)));
    }

    [Fact]
    public void Every_size_up_to_five_tebibytes_gets_whole_mebibyte_parts_within_the_s3_limits()
    {
        var random = new Random(42);
        var sizes = Enumerable.Range(0, 2000).Select(_ => random.NextInt64(0, MultipartPlan.MaxObjectSize + 1)).Append(MultipartPlan.MaxObjectSize);
        foreach (var size in sizes)
        {
            var part = MultipartPlan.PartSizeFor(size);
            Assert.InRange(part, MultipartPlan.MinPartSize, MultipartPlan.MaxPartSize);
            Assert.Equal(0, part % MiB);
            Assert.InRange(MultipartPlan.PartCount(size, part), 1, MultipartPlan.MaxParts);
            Assert.True(MultipartPlan.PartCount(size, MultipartPlan.MinimumPartSizeFor(size)) <= MultipartPlan.MaxParts);
        }
    }

    [Theory]
    [InlineData(0L, 5 * MiB)]
    [InlineData(12 * MiB, 5 * MiB)]
    [InlineData(60 * GiB, 7 * MiB)]
    public void Minimum_part_size_is_five_mebibytes_or_what_ten_thousand_parts_need(long size, long expected) =>
        Assert.Equal(expected, MultipartPlan.MinimumPartSizeFor(size));

    [Theory]
    [InlineData(-1L)]
    [InlineData(5L * 1024 * 1024 * 1024 * 1024 + 1)]
    public void Sizes_outside_zero_to_five_tebibytes_are_invalid(long size)
    {
        var error = Assert.Throws<InvalidException>(() => MultipartPlan.PartSizeFor(size));
        Assert.Equal(["size"], error.Errors.Keys);
    }

    [Fact]
    public void Streaming_parts_start_small_grow_to_one_gibibyte_and_carry_five_tebibytes()
    {
        var sizes = Enumerable.Range(1, MultipartPlan.MaxParts).Select(MultipartPlan.StreamingPartSize).ToList();

        Assert.Equal(16 * MiB, sizes[0]);
        Assert.Equal(16 * MiB, sizes[799]);
        Assert.Equal(32 * MiB, sizes[800]);
        Assert.Equal(MultipartPlan.MaxStreamingPartSize, sizes.Max());
        Assert.True(sizes.Zip(sizes.Skip(1)).All(p => p.First <= p.Second));
        Assert.True(sizes.Sum() >= MultipartPlan.MaxObjectSize);
    }
}
