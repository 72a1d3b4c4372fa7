using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Storage.Uploads;

namespace HikubePortal.UnitTests.Storage;

public sealed class UploadPartsTests
{
    [Fact]
    public void Reported_parts_are_ordered_and_their_etags_quoted()
    {
        var etags = UploadParts.ToPartETags([new CompletedPart(2, "bbb"), new CompletedPart(1, "\"aaa\"")]);

        Assert.Equal([(1, "\"aaa\""), (2, "\"bbb\"")], etags.Select(e => (e.PartNumber ?? 0, e.ETag)));
    }

    public static TheoryData<CompletedPart[]> BadParts =>
    [
        [],
        [new CompletedPart(0, "a")],
        [new CompletedPart(10_001, "a")],
        [new CompletedPart(1, " ")],
        [new CompletedPart(1, "a"), new CompletedPart(1, "b")],
    ];

    [Theory]
    [MemberData(nameof(BadParts))]
    public void Missing_duplicate_or_out_of_range_parts_are_invalid(CompletedPart[] parts) =>
        Assert.Equal(["parts"], Assert.Throws<InvalidException>(() => UploadParts.ToPartETags(parts)).Errors.Keys);
}
