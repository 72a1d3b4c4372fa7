using HikubePortal.Application.Objects;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Objects;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>The listing's rows: folders first, hard keys in links, selection of the page, read-only buckets.</summary>
public sealed class ObjectGridTests : PortalTestContext
{
    private const string HardKey = "docs/a b+c%d#e?f ü.txt";

    private static readonly ObjectPage Listed = new("docs/", null, 100,
        [new FolderEntry("docs/zeta/", "zeta"), new FolderEntry("docs/alpha/", "alpha")],
        [
            new ObjectEntry(HardKey, "a b+c%d#e?f ü.txt", 2048, Now.AddHours(-2), "e1", null),
            new ObjectEntry("docs/empty", "empty", 0, Now.AddDays(-1), "e2", null),
        ],
        null);

    public ObjectGridTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void Folders_come_first_then_objects_with_their_size_and_encoded_links()
    {
        var grid = RenderGrid(canWrite: true);

        var rows = grid.FindAll("tbody tr[data-testid]");
        Assert.Equal(["folder-row", "folder-row", "object-row", "object-row"], rows.Select(r => r.GetAttribute("data-testid")));
        Assert.Equal("docs/alpha/", rows[0].GetAttribute("data-prefix"));
        Assert.Equal("/t/acme/buckets/backups/objects?prefix=docs%2Falpha%2F", rows[0].QuerySelector("a.object-name")?.GetAttribute("href"));
        var hard = rows.Single(r => r.GetAttribute("data-key") == HardKey);
        Assert.Equal("/t/acme/buckets/backups/objects?prefix=docs%2F&object=" + Uri.EscapeDataString(HardKey),
            hard.QuerySelector("a.object-name")?.GetAttribute("href"));
        Assert.Contains("2.0 KiB", hard.TextContent, StringComparison.Ordinal);
        Assert.Contains("0 bytes", rows.Single(r => r.GetAttribute("data-key") == "docs/empty").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_header_checkbox_selects_every_row_of_the_page_then_none()
    {
        IReadOnlySet<string>? selected = null;
        var grid = RenderGrid(canWrite: true, onSelected: s => selected = s);

        await grid.Find("thead input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = true });

        Assert.NotNull(selected);
        Assert.Equal([HardKey, "docs/alpha/", "docs/empty", "docs/zeta/"], selected.Order(StringComparer.Ordinal));
        grid.Render(p => p.Add(g => g.Selected, selected));
        await grid.Find("thead input[type=checkbox]").ChangeAsync(new ChangeEventArgs { Value = false });
        Assert.Empty(selected);
    }

    [Fact]
    public async Task A_read_only_bucket_offers_downloads_not_changes()
    {
        var popovers = Render<MudPopoverProvider>();
        var grid = RenderGrid(canWrite: false);

        await grid.Find($"tr[data-key='docs/empty'] [data-testid=row-menu] button").ClickAsync(new());

        var items = popovers.FindAll(".mud-menu-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Contains("Download", items);
        Assert.Contains("Share link", items);
        Assert.DoesNotContain("Delete", items);
        Assert.DoesNotContain("Rename or move", items);
    }

    [Fact]
    public async Task A_row_action_is_raised_with_its_row()
    {
        var popovers = Render<MudPopoverProvider>();
        (RowAction Action, ObjectRow Row)? raised = null;
        var grid = RenderGrid(canWrite: true, onAction: a => raised = a);

        await grid.Find($"tr[data-key='docs/empty'] [data-testid=row-menu] button").ClickAsync(new());
        await popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Delete").ClickAsync(new());

        Assert.Equal(RowAction.Delete, raised?.Action);
        Assert.Equal("docs/empty", raised?.Row.Key);
    }

    [Fact]
    public async Task The_menu_closes_while_the_action_it_started_still_runs()
    {
        var popovers = Render<MudPopoverProvider>();
        var dialogOpen = new TaskCompletionSource(); // a rename waits for its dialog
        var grid = Render<ObjectGrid>(p => p
            .Add(g => g.Rows, [.. ObjectRows.Of(Listed, ObjectSort.Name, descending: false)])
            .Add(g => g.Tenant, "acme")
            .Add(g => g.Bucket, "backups")
            .Add(g => g.Query, ObjectBrowserQuery.From("docs/", null, (int?)null, null, null, null, null, null))
            .Add(g => g.CanWrite, true)
            .Add(g => g.OnAction, (Func<(RowAction, ObjectRow), Task>)(_ => dialogOpen.Task)));

        await grid.Find($"tr[data-key='docs/empty'] [data-testid=row-menu] button").ClickAsync(new());
        await popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Rename or move").ClickAsync(new());

        popovers.WaitForAssertion(() => Assert.Empty(popovers.FindAll(".mud-popover-open .mud-menu-item")));
        Assert.False(dialogOpen.Task.IsCompleted);
        dialogOpen.SetResult();
    }

    private IRenderedComponent<ObjectGrid> RenderGrid(
        bool canWrite, Action<IReadOnlySet<string>>? onSelected = null, Action<(RowAction, ObjectRow)>? onAction = null) =>
        Render<ObjectGrid>(p => p
            .Add(g => g.Rows, [.. ObjectRows.Of(Listed, ObjectSort.Name, descending: false)])
            .Add(g => g.Tenant, "acme")
            .Add(g => g.Bucket, "backups")
            .Add(g => g.Query, ObjectBrowserQuery.From("docs/", null, (int?)null, null, null, null, null, null))
            .Add(g => g.CanWrite, canWrite)
            .Add(g => g.SelectedChanged, s => onSelected?.Invoke(s))
            .Add(g => g.OnAction, a => onAction?.Invoke(a)));
}
