using System.Diagnostics;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>
/// The object browser of a bucket: one page of a folder per S3 list request, everything the view is in the URL (folder,
/// search, page, size, sort, the object whose details are open), the actions in dialogs, uploads run by the browser.
/// This part loads and shows the listing; the actions, the uploads and the live updates are in the other parts.
/// </summary>
public sealed partial class ObjectsPage
{
    private ObjectBrowserQuery _query = new();
    private ObjectFolder? _folder;
    private ObjectRow[] _rows = [];
    private PortalException? _problem;
    private HashSet<string> _selected = new(StringComparer.Ordinal);
    private long? _serverMs;
    private bool _loading;
    private string _search = "";
    private ElementReference _zone;
    private ObjectGrid? _grid;

    [Parameter] public string Tenant { get; set; } = "";

    [Parameter] public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = "prefix")] private string? Prefix { get; set; }

    [SupplyParameterFromQuery(Name = "q")] private string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "size")] private string? PageSizeText { get; set; }

    [SupplyParameterFromQuery(Name = "token")] private string? Token { get; set; }

    [SupplyParameterFromQuery(Name = "trail")] private string? Trail { get; set; }

    [SupplyParameterFromQuery(Name = "page")] private string? PageNumber { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] private string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "dir")] private string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = "object")] private string? Open { get; set; }

    /// <summary>Set by the download and zip routes when they could not start (see <see cref="ObjectNotices"/>).</summary>
    [SupplyParameterFromQuery(Name = "error")] private string? ErrorCode { get; set; }

    [SupplyParameterFromQuery(Name = "name")] private string? ErrorName { get; set; }

    /// <summary><c>1</c>: the folder's versions and delete markers are listed instead of its current objects.</summary>
    [SupplyParameterFromQuery(Name = "versions")] private string? VersionsText { get; set; }

    private bool ShowVersions => VersionsText == "1";

    /// <summary>The page listed while prerendering, so that the interactive page does not list it again (when it is small enough to send).</summary>
    [PersistentState] public ListingSnapshot? Snapshot { get; set; }

    [Inject] private IObjectBrowser Browser { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private PageSecurity Security { get; set; } = default!;

    /// <summary>Whether the bucket can be written (upload, new folder, rename, move, delete).</summary>
    private bool CanWrite => _folder?.CanWrite == true && _live is not (Application.Objects.BucketLiveState.Deleted or Application.Objects.BucketLiveState.Deleting);

    private string EmptyTitle => _query.Search is not null ? $"Nothing here starts with “{_query.Search}”"
        : _query.Token is null ? "This folder is empty" : "No more objects";

    private string? ProblemTitle => _problem switch
    {
        UnavailableException => "The objects cannot be listed right now.",
        _ => null,
    };

    protected override async Task OnParametersSetAsync()
    {
        var query = ObjectBrowserQuery.From(Prefix, Search, PageSizeText, Token, Trail, PageNumber, Sort, Direction, Open);
        var samePage = query.SamePage(_query) && (_folder is not null || _problem is not null);
        var folderChanged = query.Prefix != _query.Prefix;
        _query = query;
        _search = query.Search ?? "";
        if (samePage)
        {
            _rows = _folder is null ? [] : [.. ObjectRows.Of(_folder.Page, _query.Sort, _query.Descending)];
        }
        else
        {
            await LoadAsync();
        }
        if (folderChanged)
        {
            await FolderChangedAsync();
        }
    }

    /// <summary>Lists the page of the URL (once: the interactive page takes what prerendering listed).</summary>
    private async Task LoadAsync()
    {
        var key = _query.ToListQuery().ToString();
        if (Snapshot is { } saved && saved.Query == key)
        {
            (_folder, _problem, _serverMs) = (saved.Folder(), saved.Problem(), saved.ServerMilliseconds);
            Snapshot = null;
        }
        else
        {
            _loading = true;
            var watch = Stopwatch.StartNew();
            try
            {
                (_folder, _problem) = (await Browser.ListAsync(Tenant, Name, _query.ToListQuery(), Aborted), null);
            }
            catch (NotFoundException) when (!RendererInfo.IsInteractive)
            {
                throw; // no such bucket (or tenant): the 404 page, in words
            }
            catch (PortalException ex)
            {
                (_folder, _problem) = (null, ex);
            }
            finally
            {
                _loading = false;
            }
            _serverMs = watch.ElapsedMilliseconds;
            if (!RendererInfo.IsInteractive)
            {
                Snapshot = ListingSnapshot.Persistable(key, _folder, _problem, _serverMs.Value);
                SetStatus(_problem switch
                {
                    InvalidException => StatusCodes.Status400BadRequest,
                    UnavailableException or ForbiddenException => StatusCodes.Status503ServiceUnavailable,
                    _ => StatusCodes.Status200OK,
                });
            }
        }
        _rows = _folder is null ? [] : [.. ObjectRows.Of(_folder.Page, _query.Sort, _query.Descending)];
        _selected = new HashSet<string>(StringComparer.Ordinal);
        if (_folder?.Endpoint is { } endpoint)
        {
            Security.AllowConnect(endpoint);
        }
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    private string Href(ObjectBrowserQuery query) => ObjectLinks.Browse(Tenant, Name) + query.QueryString();

    private void Go(ObjectBrowserQuery query, bool replace = false) => Navigation.NavigateTo(Href(query), replace: replace);

    private Task SearchKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            Navigation.NavigateTo(ObjectLinks.Browse(Tenant, Name, _query.First() with { Search = string.IsNullOrWhiteSpace(_search) ? null : _search }, ShowVersions));
        }
        return Task.CompletedTask;
    }

    private Task ClearSearchAsync(MouseEventArgs e)
    {
        Go(_query.First() with { Search = null });
        return Task.CompletedTask;
    }

    private Task PageSizeAsync(int size)
    {
        Navigation.NavigateTo(ObjectLinks.Browse(Tenant, Name, _query.First() with { PageSize = size }, ShowVersions));
        return Task.CompletedTask;
    }

    private Task ShowVersionsAsync(bool show)
    {
        Navigation.NavigateTo(ObjectLinks.Browse(Tenant, Name, _query.First(), show));
        return Task.CompletedTask;
    }

    private void SelectionChanged(IReadOnlySet<string> selected) => _selected = new HashSet<string>(selected, StringComparer.Ordinal);

    private void ClearSelection() => _selected = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Enter on a row: into the folder, or the object's details.</summary>
    private Task OpenAsync(ObjectRow row)
    {
        Go(row.IsFolder ? _query.InFolder(row.Key) : _query with { Open = row.Key });
        return Task.CompletedTask;
    }

    /// <summary>Backspace: the parent folder (from the root, nothing).</summary>
    private Task GoUpAsync()
    {
        if (_query.Prefix.Length > 0)
        {
            Go(_query.InFolder(ObjectKey.ParentOf(_query.Prefix)));
        }
        return Task.CompletedTask;
    }

    private Task CloseDetailsAsync()
    {
        Go(_query with { Open = null });
        return Task.CompletedTask;
    }

    private Task DrawerChangedAsync(bool open) => open || _query.Open is null ? Task.CompletedTask : CloseDetailsAsync();

    private Task ClearNoticeAsync()
    {
        Navigation.NavigateTo(Href(_query), replace: true);
        return Task.CompletedTask;
    }
}
