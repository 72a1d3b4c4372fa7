using System.IO.Compression;
using HikubePortal.Storage.Archive;

namespace HikubePortal.UnitTests.Storage;

public sealed class ZipEntryNamesTests
{
    [Theory]
    [InlineData("base/", "base/a/b.txt", "a/b.txt")]
    [InlineData("base/", "other/c.txt", "other/c.txt")]
    [InlineData("", "/lead/x.txt", "_/lead/x.txt")]
    [InlineData("", "a/../../etc/passwd", "a/__/__/etc/passwd")]
    [InlineData("", "./x", "_/x")]
    [InlineData("", "a//b", "a/_/b")]
    [InlineData("", "win\\path\\file.txt", "win_path_file.txt")]
    [InlineData("", "ctrl\u0001char", "ctrl_char")]
    [InlineData("base/", "base/folder/", "folder/")]
    public void Entry_names_stay_inside_the_extraction_folder(string basePrefix, string key, string expected) =>
        Assert.Equal(expected, new ZipEntryNames(basePrefix).For(key));

    [Fact]
    public void Names_that_collide_after_cleaning_get_a_number()
    {
        var names = new ZipEntryNames("");

        Assert.Equal(["a/__/x.txt", "a/__/x (2).txt", "a/__/x (3).txt", "dir/", "dir (2)/"],
            new[] { "a/../x.txt", "a/__/x.txt", "a/../x.txt", "dir/", "dir/" }.Select(names.For));
    }

    [Theory]
    [InlineData("movie.MP4", CompressionLevel.NoCompression)]
    [InlineData("photo.jpeg", CompressionLevel.NoCompression)]
    [InlineData("archive.tar.gz", CompressionLevel.NoCompression)]
    [InlineData("notes.txt", CompressionLevel.Fastest)]
    [InlineData("noextension", CompressionLevel.Fastest)]
    public void Already_compressed_files_are_stored(string key, CompressionLevel level) =>
        Assert.Equal(level, ZipEntryNames.LevelFor(key));
}
