using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.UnitTests.Objects;

public sealed class UploadKeyTests
{
    [Theory]
    [InlineData(null, "a.txt", "a.txt")]
    [InlineData("", "photos/2024/a.jpg", "photos/2024/a.jpg")]
    [InlineData("trips", "photos/2024/a.jpg", "trips/photos/2024/a.jpg")]
    [InlineData("trips/", "/photos/a b+%#?.jpg", "trips/photos/a b+%#?.jpg")]
    [InlineData("/root/", "ünï cödé.txt", "/root/ünï cödé.txt")]
    [InlineData("a/", "empty", "a/empty")]
    public void The_key_is_the_folder_plus_the_relative_path(string? prefix, string path, string expected) =>
        Assert.Equal(expected, UploadKey.For(prefix, path));

    [Theory]
    [InlineData("docs/", "../secret.txt", "'..'")]
    [InlineData("docs/", "a/./b.txt", "'..'")]
    [InlineData("", "", "file name")]
    [InlineData("docs/", "folder/", "file name")]
    [InlineData("docs/", "line\nbreak.txt", "control")]
    public void Keys_the_portal_may_not_create_are_refused_in_plain_words(string prefix, string path, string words)
    {
        var error = Assert.Throws<InvalidException>(() => UploadKey.For(prefix, path));
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.True(error.Errors.ContainsKey("path"));
    }

    [Fact]
    public void A_key_longer_than_1024_bytes_is_refused()
    {
        Assert.Equal(1024, UploadKey.For("d/", new string('x', 1022)).Length);
        Assert.Throws<InvalidException>(() => UploadKey.For("d/", new string('é', 512)));
    }
}

public sealed class UploadContentTypeTests
{
    [Theory]
    [InlineData("image/png", "image/png")]
    [InlineData(" text/plain; charset=iso-8859-1 ", "text/plain; charset=iso-8859-1")]
    [InlineData("text/plain", "text/plain; charset=utf-8")]
    [InlineData("application/json", "application/json; charset=utf-8")]
    [InlineData("text/csv;charset=UTF-8", "text/csv;charset=UTF-8")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("nonsense", null)]
    [InlineData("text/plain\r\nX-Evil: 1", null)]
    public void Only_plausible_content_types_reach_the_storage(string? reported, string? expected) =>
        Assert.Equal(expected, UploadService.ContentType(reported));
}
