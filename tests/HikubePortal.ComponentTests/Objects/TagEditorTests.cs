using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>An object's tags in the details drawer: shown, edited in place, refused in words.</summary>
public sealed class TagEditorTests : PortalTestContext
{
    private readonly TaggingBrowser _browser = new();

    public TagEditorTests() => Services.AddSingleton<IObjectBrowser>(_browser);

    [Fact]
    public void Tags_show_as_key_equals_value_and_unreadable_tags_say_so()
    {
        var shown = RenderEditor(new Dictionary<string, string> { ["env"] = "prod" }, canWrite: true);
        var unreadable = RenderEditor(null, canWrite: true);

        Assert.Contains("env = prod", shown.Find("[data-testid=object-tags]").TextContent, StringComparison.Ordinal);
        Assert.Contains("may not read tags", unreadable.Find("[data-testid=object-tags]").TextContent, StringComparison.Ordinal);
        Assert.Empty(RenderEditor(new Dictionary<string, string>(), canWrite: false).FindAll("[data-testid=tags-edit]"));
    }

    [Fact]
    public async Task Edited_tags_are_saved_and_shown()
    {
        var editor = RenderEditor(new Dictionary<string, string> { ["env"] = "prod" }, canWrite: true);

        await editor.Find("[data-testid=tags-edit]").ClickAsync(new());
        await editor.FindAll("input[data-testid=tag-value], [data-testid=tag-value] input")[0].ChangeAsync(new() { Value = "staging" });
        await editor.Find("[data-testid=tags-save]").ClickAsync(new());

        Assert.Equal([new KeyValuePair<string, string>("env", "staging")], _browser.Saved);
        Assert.Contains("env = staging", editor.Find("[data-testid=object-tags]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_tag_is_said_and_the_editor_stays_open()
    {
        _browser.Refusal = InvalidException.For("tags", "A tag key may not start with aws:.");
        var editor = RenderEditor(new Dictionary<string, string>(), canWrite: true);

        await editor.Find("[data-testid=tags-edit]").ClickAsync(new());
        await editor.Find("input[data-testid=tag-key], [data-testid=tag-key] input").ChangeAsync(new() { Value = "aws:x" });
        await editor.Find("[data-testid=tags-save]").ClickAsync(new());

        Assert.Contains("may not start with aws:", editor.Find("[data-testid=tags-error]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(editor.Find("[data-testid=tags-editor]"));
    }

    private IRenderedComponent<TagEditor> RenderEditor(IReadOnlyDictionary<string, string>? tags, bool canWrite) =>
        Render<TagEditor>(p => p.Add(e => e.Tenant, "acme").Add(e => e.Bucket, "backups").Add(e => e.ObjectKey, "docs/a.txt")
            .Add(e => e.Tags, tags).Add(e => e.CanWrite, canWrite));

    /// <summary>An object browser that only takes tags (or refuses them).</summary>
    private sealed class TaggingBrowser : RefusingObjectBrowser
    {
        public IReadOnlyList<KeyValuePair<string, string>>? Saved { get; private set; }

        public PortalException? Refusal { get; set; }

        public override Task SetTagsAsync(string tenant, string bucket, string key, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken)
        {
            if (Refusal is not null)
            {
                throw Refusal;
            }
            Saved = tags;
            return Task.CompletedTask;
        }
    }
}
