using AngleSharp.Dom;
using HikubePortal.Application.Versions;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Objects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HikubePortal.ComponentTests.Versions;

/// <summary>"Show versions" in the object browser: versions and delete markers listed, and the actions each one offers.</summary>
public sealed class VersionViewsTests : PortalTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Earlier = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeObjectVersions _versions = new();
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public VersionViewsTests()
    {
        Services.AddSingleton<IObjectVersions>(_versions);
        Services.AddSingleton<IBucketDataService>(new FakeBucketData());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        _versions.Versions.AddRange(
        [
            new ObjectVersionEntry("docs/a.txt", "a.txt", "v3-marker", IsLatest: true, IsDeleteMarker: true, 0, Earlier.AddHours(2), null),
            new ObjectVersionEntry("docs/a.txt", "a.txt", "v2", IsLatest: false, IsDeleteMarker: false, 20, Earlier.AddHours(1), "e2"),
            new ObjectVersionEntry("docs/a.txt", "a.txt", "v1", IsLatest: false, IsDeleteMarker: false, 10, Earlier, "e1"),
            new ObjectVersionEntry("docs/b.txt", "b.txt", "w1", IsLatest: true, IsDeleteMarker: false, 5, Earlier, "f1"),
        ]);
    }

    [Fact]
    public void Each_version_offers_what_it_can_do()
    {
        var view = RenderView(canWrite: true);

        var marker = Row(view, "v3-marker");
        Assert.Equal("true", marker.GetAttribute("data-delete-marker"));
        Assert.Contains("Delete marker", marker.TextContent, StringComparison.Ordinal);
        Assert.NotNull(marker.QuerySelector("[data-testid=version-undelete]"));
        Assert.Null(marker.QuerySelector("[data-testid=version-download]"));
        Assert.NotNull(Row(view, "v2").QuerySelector("[data-testid=version-restore]"));
        Assert.Equal("/t/acme/buckets/backups/objects/download?key=docs%2Fa.txt&version=v1",
            Row(view, "v1").QuerySelector("[data-testid=version-download]")!.GetAttribute("href"));
        var latest = Row(view, "w1");
        Assert.Contains("Latest", latest.TextContent, StringComparison.Ordinal);
        Assert.Null(latest.QuerySelector("[data-testid=version-restore]"));
    }

    [Fact]
    public void Without_a_read_write_user_versions_only_download()
    {
        var view = RenderView(canWrite: false);

        Assert.Empty(view.FindAll("[data-testid=version-restore], [data-testid=version-undelete], [data-testid=version-delete]"));
        Assert.Equal(3, view.FindAll("[data-testid=version-download]").Count);
    }

    [Fact]
    public async Task Restore_and_undo_delete_call_the_service_and_list_again()
    {
        var view = RenderView(canWrite: true);

        await Row(view, "v2").QuerySelector("[data-testid=version-restore]")!.ClickAsync(new());
        await Row(view, "v3-marker").QuerySelector("[data-testid=version-undelete]")!.ClickAsync(new());

        Assert.Equal(["restore docs/a.txt v2", "undelete docs/a.txt"], _versions.Calls);
    }

    [Fact]
    public async Task Deleting_a_version_for_good_needs_its_name_typed()
    {
        var view = RenderView(canWrite: true);

        var asking = Row(view, "v1").QuerySelector("[data-testid=version-delete]")!.ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("deleted for good: it cannot be restored", _dialogs.Markup, StringComparison.Ordinal), Wait);
        var confirm = _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete for good");
        Assert.True(confirm.HasAttribute("disabled"));
        await _dialogs.Find("input").InputAsync(new() { Value = "a.txt" });
        _dialogs.WaitForAssertion(() => Assert.False(_dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete for good").HasAttribute("disabled")), Wait);
        await _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete for good").ClickAsync(new());
        await asking;

        Assert.Equal(["delete docs/a.txt v1"], _versions.Calls);
        view.WaitForAssertion(() => Assert.Empty(view.FindAll("tr[data-version=v1]")), Wait);
    }

    private IRenderedComponent<ObjectVersionsView> RenderView(bool canWrite)
    {
        var view = Render<ObjectVersionsView>(p => p.Add(v => v.Tenant, "acme").Add(v => v.Bucket, "backups")
            .Add(v => v.Query, new ObjectBrowserQuery("docs/")).Add(v => v.CanWrite, canWrite));
        view.WaitForAssertion(() => Assert.Equal(4, view.FindAll("tr[data-version]").Count), Wait);
        return view;
    }

    private static IElement Row(IRenderedComponent<ObjectVersionsView> view, string version) => view.Find($"tr[data-version='{version}']");
}
