using System.Text;
using AngleSharp.Dom;
using HikubePortal.Application.Objects;
using HikubePortal.ComponentTests.Buckets;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>Details: what the object is, and previews that never run what the object holds.</summary>
public sealed class ObjectDetailsViewTests
{
    private static ObjectDetails Details(string key, string? type, long size = 120, IReadOnlyDictionary<string, string>? tags = null) => new(
        key, size, type, "abc123", FixedTime.Now.AddDays(-1), "STANDARD",
        new Dictionary<string, string> { ["owner"] = "ana" }, tags);

    [Fact]
    public async Task Shows_size_type_etag_metadata_and_tags()
    {
        var page = await RenderAsync(Details("a/b.bin", "application/zip", 2048, new Dictionary<string, string> { ["env"] = "prod" }));

        Assert.Contains("2.0 KiB", page.QuerySelector("[data-testid=object-size]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("application/zip", page.QuerySelector("[data-testid=object-type]")?.TextContent.Trim());
        Assert.Equal("abc123", page.QuerySelector("[data-testid=object-etag]")?.TextContent);
        Assert.Contains("owner", page.QuerySelector("[data-testid=object-metadata]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("prod", page.QuerySelector("[data-testid=object-tags]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("None", page.QuerySelector("[data-testid=object-preview]")?.GetAttribute("data-preview-kind"));
    }

    [Fact]
    public async Task Html_and_svg_are_shown_as_text_never_as_markup()
    {
        const string html = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var page = await RenderAsync(Details("site/index.html", "text/html"), html);
        var svg = await RenderAsync(Details("logo.svg", "image/svg+xml"), "<svg onload=alert(1)></svg>");

        Assert.Equal(html, page.QuerySelector("[data-testid=text-preview]")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-testid=object-preview] script, [data-testid=object-preview] img, [data-testid=object-preview] iframe"));
        Assert.Empty(svg.QuerySelectorAll("[data-testid=object-preview] svg, [data-testid=object-preview] img"));
    }

    [Theory]
    [InlineData("photo.png", "image/png", "img")]
    [InlineData("doc.pdf", "application/pdf", "iframe")]
    [InlineData("song.mp3", "audio/mpeg", "audio")]
    [InlineData("clip.mp4", "video/mp4", "video")]
    public async Task Media_load_from_the_portals_preview_route(string key, string type, string element)
    {
        var page = await RenderAsync(Details("media/" + key, type));

        Assert.Equal($"/t/acme/buckets/backups/objects/preview?key=media%2F{key}", page.QuerySelector($"[data-testid=object-preview] {element}")?.GetAttribute("src"));
    }

    [Fact]
    public void Json_is_pretty_printed_and_broken_json_stays_as_it_is()
    {
        Assert.Equal("{\n  \"a\": [\n    1,\n    \"é\"\n  ]\n}", TextPreview.Render(Encoding.UTF8.GetBytes("{\"a\":[1,\"é\"]}"), prettyJson: true).ReplaceLineEndings("\n"));
        Assert.Equal("{\"a\":", TextPreview.Render(Encoding.UTF8.GetBytes("{\"a\":"), prettyJson: true));
    }

    [Fact]
    public async Task Empty_files_and_files_without_tags_say_so()
    {
        var page = await RenderAsync(Details("empty.txt", "text/plain", size: 0));

        Assert.Contains("empty (0 bytes)", page.QuerySelector("[data-testid=object-preview]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("may not read tags", page.QuerySelector("[data-testid=object-tags]")?.TextContent, StringComparison.Ordinal);
    }

    private static async Task<IDocument> RenderAsync(ObjectDetails details, string? text = null)
    {
        await using var harness = new ComponentHarness(services => services.AddSingleton<TimeProvider>(new FixedTime()));
        return await harness.RenderAsync<ObjectDetailsView>(new Dictionary<string, object?>
        {
            ["Tenant"] = "acme", ["Bucket"] = "backups", ["Details"] = details, ["Text"] = text,
        });
    }
}
