using HikubePortal.Web.Components.Pages.Objects;
using HikubePortal.Web.Endpoints;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>The preview allow-list and the download headers: active content is never served inline.</summary>
public sealed class PreviewTypesTests
{
    [Theory]
    [InlineData("image/png", "a.bin", PreviewKind.Image, "image/png")]
    [InlineData("IMAGE/JPEG; foo=bar", "a", PreviewKind.Image, "image/jpeg")]
    [InlineData("application/octet-stream", "photo.webp", PreviewKind.Image, "image/webp")]
    [InlineData(null, "report.PDF", PreviewKind.Pdf, "application/pdf")]
    [InlineData("binary/octet-stream", "song.mp3", PreviewKind.Audio, "audio/mpeg")]
    [InlineData("video/mp4", "clip", PreviewKind.Video, "video/mp4")]
    public void Media_are_served_inline_under_the_portals_own_type(string? stored, string key, PreviewKind kind, string served)
    {
        Assert.Equal(kind, PreviewTypes.KindOf(stored, key));
        Assert.Equal(served, PreviewTypes.InlineContentType(stored, key));
    }

    [Theory]
    [InlineData("text/html", "index.html", PreviewKind.Text)]
    [InlineData("image/svg+xml", "logo.svg", PreviewKind.Text)]
    [InlineData(null, "logo.svg", PreviewKind.Text)]
    [InlineData("application/xhtml+xml", "a", PreviewKind.Text)]
    [InlineData("text/javascript", "a.js", PreviewKind.Text)]
    [InlineData("application/json", "a", PreviewKind.Json)]
    [InlineData("application/vnd.api+json", "a", PreviewKind.Json)]
    [InlineData("application/zip", "a.zip", PreviewKind.None)]
    [InlineData("application/octet-stream", "noextension", PreviewKind.None)]
    public void Active_content_is_text_at_most_and_never_served_inline(string? stored, string key, PreviewKind kind)
    {
        Assert.Equal(kind, PreviewTypes.KindOf(stored, key));
        Assert.Null(PreviewTypes.InlineContentType(stored, key));
    }

    [Fact]
    public void Large_images_are_not_previewed_but_large_videos_stream()
    {
        Assert.False(PreviewTypes.Previewable(PreviewKind.Image, PreviewTypes.MaxInlineBytes + 1));
        Assert.True(PreviewTypes.Previewable(PreviewKind.Video, 5L << 30));
        Assert.False(PreviewTypes.Previewable(PreviewKind.None, 1));
    }

    [Fact]
    public void Content_disposition_carries_the_exact_name_as_rfc_5987()
    {
        var header = ObjectHeaders.ContentDisposition("rapport été #1+%.txt");

        Assert.StartsWith("attachment;", header, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''rapport%20%C3%A9t%C3%A9%20#1+%25.txt", header, StringComparison.Ordinal);
        Assert.StartsWith("inline;", ObjectHeaders.ContentDisposition("a.png", inline: true), StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ObjectHeaders.ContentDisposition("a\nb\r.txt"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b/c.txt", "c.txt")]
    [InlineData("/lead", "lead")]
    [InlineData("folder/", "folder")]
    [InlineData("//", "download")]
    [InlineData("a//", "a")]
    public void File_names_are_the_last_segment(string key, string expected) =>
        Assert.Equal(expected, ObjectHeaders.FileNameOf(key));

    [Theory]
    [InlineData("bytes=0-99", 0L, 99L)]
    [InlineData("bytes=100-", 100L, null)]
    public void A_single_range_is_honoured(string header, long from, long? to)
    {
        var range = ObjectHeaders.ParseRange(header)!;
        Assert.Equal((from, to), (range.From, range.To));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bytes=-500")]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("items=0-1")]
    [InlineData("bytes=9-1")]
    public void Other_ranges_send_the_whole_object(string? header) => Assert.Null(ObjectHeaders.ParseRange(header));
}
