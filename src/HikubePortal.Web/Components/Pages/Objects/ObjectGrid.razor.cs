using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>What a row's menu asks for.</summary>
public enum RowAction
{
    Details,
    Download,
    DownloadZip,
    Share,
    Move,
    Delete,
}

public sealed partial class ObjectGrid
{
    /// <summary>Height of a row in pixels: the virtualised list counts on it.</summary>
    public const int RowHeight = 44;

    /// <summary>
    /// Rows in the first, static render of the page: the smallest page size (so such a page is whole without a
    /// circuit), more than the tallest screen shows (50 × 44 px), and far fewer than a listed page may hold. Each row
    /// costs the page view server time (page size 1,000: 100 rows took 70 ms p50, 40 took 50 ms); the circuit shows
    /// the rest as the user scrolls.
    /// </summary>
    public const int PrerenderedRows = 50;

    /// <summary>
    /// MudIcon's markup (small; warning colour for folders), written in the row: a MudIcon is a component of its own,
    /// and a row's components are what a page of rows costs to render, on the server for the page view and in the
    /// circuit for every row scrolled into view.
    /// </summary>
    private const string FolderIconClass = "mud-icon-root mud-svg-icon mud-warning-text mud-icon-size-small";

    private const string ObjectIconClass = "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-small";

    private ElementReference _grid;
    private IJSObjectReference? _module;
    private IJSObjectReference? _keyboard;
    private DotNetObjectReference<ObjectGrid>? _self;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Parameter, EditorRequired] public ObjectRow[] Rows { get; set; } = [];

    [Parameter, EditorRequired] public string Tenant { get; set; } = "";

    [Parameter, EditorRequired] public string Bucket { get; set; } = "";

    [Parameter, EditorRequired] public ObjectBrowserQuery Query { get; set; } = new();

    [Parameter] public bool CanWrite { get; set; }

    /// <summary>Ids (<see cref="ObjectRow.Id"/>) of the selected rows.</summary>
    [Parameter] public IReadOnlySet<string> Selected { get; set; } = new HashSet<string>();

    [Parameter] public EventCallback<IReadOnlySet<string>> SelectedChanged { get; set; }

    /// <summary>Enter on a row: opens the folder, or the object's details.</summary>
    [Parameter] public EventCallback<ObjectRow> OnOpen { get; set; }

    /// <summary>Backspace: the parent folder.</summary>
    [Parameter] public EventCallback OnUp { get; set; }

    [Parameter] public EventCallback<(RowAction Action, ObjectRow Row)> OnAction { get; set; }

    /// <summary>
    /// Starts a row action without waiting for it: a menu closes only once its item's handler returns, and an action
    /// such as rename waits for its dialog, which would leave the menu open over it. The page renders when it ends.
    /// </summary>
    private void Act(RowAction action, ObjectRow row) => _ = OnAction.InvokeAsync((action, row));

    /// <summary>How long the server took to list this page (for the benchmark), in milliseconds.</summary>
    [Parameter] public long? ServerMilliseconds { get; set; }

    /// <summary>Now, for the rows' "5 minutes ago" (<see cref="TimeAgo.Of"/>: the markup of TimeAgo without a component per row).</summary>
    private DateTimeOffset Now => Time.GetUtcNow();

    private string Label => $"Folders and objects in {(Query.Prefix.Length == 0 ? Bucket : Query.Prefix)}";

    private bool? AllState => Selected.Count == 0 ? false : Rows.All(r => Selected.Contains(r.Id)) ? true : null;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./app/objects.js");
            _keyboard = await _module.InvokeAsync<IJSObjectReference>("attachGrid", _grid, _self);
        }
    }

    /// <summary>Puts the keyboard focus on a row (scrolled into view).</summary>
    public async Task FocusRowAsync(int index)
    {
        if (_module is not null && Rows.Length > 0)
        {
            await _module.InvokeVoidAsync("focusRow", _grid, Math.Clamp(index, 0, Rows.Length - 1));
        }
    }

    [JSInvokable]
    public Task OpenRow(int index) => index >= 0 && index < Rows.Length ? OnOpen.InvokeAsync(Rows[index]) : Task.CompletedTask;

    [JSInvokable]
    public Task ToggleRow(int index) => index >= 0 && index < Rows.Length ? ToggleAsync(Rows[index], !Selected.Contains(Rows[index].Id)) : Task.CompletedTask;

    [JSInvokable]
    public Task GoUp() => OnUp.InvokeAsync();

    private Task ToggleAsync(ObjectRow row, bool selected)
    {
        var next = new HashSet<string>(Selected, StringComparer.Ordinal);
        if (selected)
        {
            next.Add(row.Id);
        }
        else
        {
            next.Remove(row.Id);
        }
        return SelectedChanged.InvokeAsync(next);
    }

    /// <summary>
    /// The header checkbox: everything selected clears the selection, anything less selects the whole page (whatever
    /// value the tri-state box cycles to: from unchecked it goes to indeterminate first).
    /// </summary>
    private Task SelectAllAsync(bool? value) =>
        SelectedChanged.InvokeAsync(AllState == true ? new HashSet<string>(StringComparer.Ordinal) : Rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal));

    private string Href(ObjectRow row) => row.IsFolder
        ? ObjectLinks.Browse(Tenant, Bucket) + Query.InFolder(row.Key).QueryString()
        : ObjectLinks.Browse(Tenant, Bucket) + (Query with { Open = row.Key }).QueryString();

    private string SortHref(ObjectSort sort) =>
        ObjectLinks.Browse(Tenant, Bucket) + (Query with { Sort = sort, Descending = Query.Sort == sort && !Query.Descending }).QueryString();

    private string? AriaSort(ObjectSort sort) => Query.Sort == sort ? (Query.Descending ? "descending" : "ascending") : null;

    private static string Icon(ObjectRow row) => row.IsFolder ? Icons.Material.Filled.Folder : PreviewTypes.KindOf(null, row.Key) switch
    {
        PreviewKind.Image => Icons.Material.Outlined.Image,
        PreviewKind.Pdf => Icons.Material.Outlined.PictureAsPdf,
        PreviewKind.Audio => Icons.Material.Outlined.AudioFile,
        PreviewKind.Video => Icons.Material.Outlined.VideoFile,
        PreviewKind.Json or PreviewKind.Text => Icons.Material.Outlined.Description,
        _ => Icons.Material.Outlined.InsertDriveFile,
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_keyboard is not null)
            {
                await _keyboard.InvokeVoidAsync("detach");
                await _keyboard.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // the page is gone with its circuit
        }
        _self?.Dispose();
    }
}
