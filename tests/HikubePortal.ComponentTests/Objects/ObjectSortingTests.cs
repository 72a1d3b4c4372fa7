using HikubePortal.Application.Objects;
using HikubePortal.Web.Components.Pages.Objects;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>Sorting sorts the page only: folders stay first, ties fall back to the name.</summary>
public sealed class ObjectSortingTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ObjectEntry[] Objects =
    [
        new("b.txt", "b.txt", 10, T.AddDays(2), null, null),
        new("a.txt", "a.txt", 10, T.AddDays(3), null, null),
        new("c.txt", "c.txt", 0, null, null, null),
        new("B.txt", "B.txt", 99, T.AddDays(1), null, null),
    ];

    [Theory]
    [InlineData(ObjectSort.Name, false, "B.txt a.txt b.txt c.txt")]
    [InlineData(ObjectSort.Name, true, "c.txt b.txt a.txt B.txt")]
    [InlineData(ObjectSort.Size, false, "c.txt a.txt b.txt B.txt")]
    [InlineData(ObjectSort.Size, true, "B.txt a.txt b.txt c.txt")]
    [InlineData(ObjectSort.Modified, false, "c.txt B.txt b.txt a.txt")]
    [InlineData(ObjectSort.Modified, true, "a.txt b.txt B.txt c.txt")]
    public void Objects_sort_by_the_column_then_by_name(ObjectSort sort, bool descending, string expected) =>
        Assert.Equal(expected, string.Join(" ", ObjectSorting.Objects(Objects, sort, descending).Select(o => o.Name)));

    [Fact]
    public void Folders_keep_name_order_unless_the_name_is_sorted_descending()
    {
        FolderEntry[] folders = [new("z/", "z"), new("a/", "a")];

        Assert.Equal("a z", string.Join(" ", ObjectSorting.Folders(folders, ObjectSort.Size, descending: true).Select(f => f.Name)));
        Assert.Equal("z a", string.Join(" ", ObjectSorting.Folders(folders, ObjectSort.Name, descending: true).Select(f => f.Name)));
    }
}
