using System.Text;
using HikubePortal.Application.Objects;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Objects;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>Previews in the details drawer: never running what the object holds; media from the portal's preview route.</summary>
public sealed class ObjectPreviewViewTests : PortalTestContext
{
    private static ObjectDetails Details(string key, string? type, long size = 120) => new(
        key, size, type, "abc123", Now.AddDays(-1), "STANDARD", new Dictionary<string, string>(), null);

    [Fact]
    public void Html_and_svg_are_shown_as_text_never_as_markup()
    {
        const string html = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var page = RenderPreview(Details("site/index.html", "text/html"), html);
        var svg = RenderPreview(Details("logo.svg", "image/svg+xml"), "<svg onload=alert(1)></svg>");

        Assert.Equal(html, page.Find("[data-testid=text-preview]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=object-preview] script, [data-testid=object-preview] img, [data-testid=object-preview] iframe"));
        Assert.Empty(svg.FindAll("[data-testid=object-preview] svg, [data-testid=object-preview] img"));
    }

    [Theory]
    [InlineData("photo.png", "image/png", "img")]
    [InlineData("doc.pdf", "application/pdf", "iframe")]
    [InlineData("song.mp3", "audio/mpeg", "audio")]
    [InlineData("clip.mp4", "video/mp4", "video")]
    public void Media_load_from_the_portals_preview_route(string key, string type, string element)
    {
        var page = RenderPreview(Details("media/" + key, type));

        Assert.Equal($"/t/acme/buckets/backups/objects/preview?key=media%2F{key}", page.Find($"[data-testid=object-preview] {element}").GetAttribute("src"));
    }

    [Fact]
    public void Json_is_pretty_printed_and_broken_json_stays_as_it_is()
    {
        Assert.Equal("{\n  \"a\": [\n    1,\n    \"é\"\n  ]\n}", TextPreview.Render(Encoding.UTF8.GetBytes("{\"a\":[1,\"é\"]}"), prettyJson: true).ReplaceLineEndings("\n"));
        Assert.Equal("{\"a\":", TextPreview.Render(Encoding.UTF8.GetBytes("{\"a\":"), prettyJson: true));
    }

    [Fact]
    public void Empty_and_unknown_files_say_why_there_is_no_preview()
    {
        Assert.Contains("empty (0 bytes)", RenderPreview(Details("empty.txt", "text/plain", size: 0)).Find("[data-testid=object-preview]").TextContent, StringComparison.Ordinal);
        var binary = RenderPreview(Details("a/b.bin", "application/zip"));
        Assert.Equal("None", binary.Find("[data-testid=object-preview]").GetAttribute("data-preview-kind"));
        Assert.Contains("No preview", binary.Markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<ObjectPreviewView> RenderPreview(ObjectDetails details, string? text = null) =>
        Render<ObjectPreviewView>(p => p.Add(v => v.Tenant, "acme").Add(v => v.Bucket, "backups").Add(v => v.Details, details).Add(v => v.Text, text));
}
