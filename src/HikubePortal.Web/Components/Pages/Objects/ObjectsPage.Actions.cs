using HikubePortal.Application.Objects;
using HikubePortal.Web.Components.Pages.Buckets;
using HikubePortal.Web.Components.Pages.Objects.Dialogs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>The object browser's actions: new folder, downloads, zips, share links, moves and deletes, in dialogs.</summary>
public sealed partial class ObjectsPage
{
    private IJSObjectReference? _objectsModule;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private AntiforgeryStateProvider Antiforgery { get; set; } = default!;

    [Inject] private Microsoft.Extensions.Options.IOptions<ObjectBrowserOptions> BrowserSettings { get; set; } = default!;

    private static DialogOptions Options => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    private IEnumerable<string> SelectedKeys => _rows.Where(r => !r.IsFolder && _selected.Contains(r.Id)).Select(r => r.Key);

    private IEnumerable<string> SelectedFolders => _rows.Where(r => r.IsFolder && _selected.Contains(r.Id)).Select(r => r.Key);

    private async Task NewFolderAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewFolderDialog>("New folder", new DialogParameters<NewFolderDialog>
        {
            { d => d.Tenant, Tenant }, { d => d.Bucket, Name }, { d => d.Parent, _query.Prefix },
        }, Options);
        if (await dialog.Result is { Canceled: false, Data: string prefix })
        {
            Snackbar.Add($"Folder {ObjectKey.NameWithin(prefix, _query.Prefix)} created.", Severity.Success);
            await ReloadAsync();
        }
    }

    private Task RowActionAsync((RowAction Action, ObjectRow Row) request) => request.Row.IsFolder
        ? FolderActionAsync(request.Action, request.Row.Key)
        : ObjectActionAsync(request.Action, request.Row.Key);

    private async Task FolderActionAsync(RowAction action, string prefix)
    {
        switch (action)
        {
            case RowAction.DownloadZip:
                await ModuleCallAsync("download", ObjectLinks.ZipFolder(Tenant, Name, prefix));
                break;
            case RowAction.Move:
                await MoveAsync([], [prefix]);
                break;
            case RowAction.Delete:
                await DeleteAsync([], [prefix]);
                break;
        }
    }

    private async Task ObjectActionAsync(RowAction action, string key)
    {
        switch (action)
        {
            case RowAction.Download:
                await DownloadAsync(key);
                break;
            case RowAction.Share:
                await Dialogs.ShowAsync<ShareLinkDialog>("Share link", new DialogParameters<ShareLinkDialog>
                {
                    { d => d.Tenant, Tenant }, { d => d.Bucket, Name }, { d => d.Key, key },
                }, Options);
                break;
            case RowAction.Move:
                await MoveAsync([key], []);
                break;
            case RowAction.Delete:
                await DeleteAsync([key], []);
                break;
            case RowAction.Details:
                Go(_query with { Open = key });
                break;
        }
    }

    /// <summary>
    /// One object by the download route (one presigned link). With ranged downloads on, the script asks for the
    /// download's plan first (large objects come by parallel ranges through the portal's service worker) and falls back
    /// to the route whenever that cannot start.
    /// </summary>
    private Task DownloadAsync(string key) => !BrowserSettings.Value.RangedDownloads
        ? ModuleCallAsync("download", ObjectLinks.Download(Tenant, Name, key))
        : ModuleCallAsync("download", ObjectLinks.Download(Tenant, Name, key), new
        {
            plan = DownloadLinks.Plan(Tenant, Name),
            key,
            token = Antiforgery.GetAntiforgeryToken()?.Value ?? string.Empty,
        }, _self);

    /// <summary>The browser gave up on a ranged download after its retries: the browser's download list says failed too.</summary>
    [JSInvokable]
    public Task OnDownloadFailed(string name, string reason) => InvokeAsync(() =>
        Snackbar.Add($"The download of {name} failed: {reason}. Try again.", Severity.Error));

    private Task DownloadFolderAsync() => ModuleCallAsync("download", _query.Prefix.Length == 0
        ? $"{ObjectLinks.Zip(Tenant, Name)}?folder="
        : ObjectLinks.ZipFolder(Tenant, Name, _query.Prefix));

    /// <summary>The selection as one zip, streamed while written: a form post, so the browser downloads it itself.</summary>
    private Task ZipSelectionAsync()
    {
        var token = Antiforgery.GetAntiforgeryToken();
        var fields = new Dictionary<string, string[]>
        {
            ["prefix"] = [_query.Prefix],
            ["key"] = [.. SelectedKeys],
            ["folder"] = [.. SelectedFolders],
        };
        if (token is not null)
        {
            fields[token.FormFieldName] = [token.Value];
        }
        return ModuleCallAsync("postForm", ObjectLinks.Zip(Tenant, Name), fields);
    }

    private Task MoveSelectionAsync() => MoveAsync([.. SelectedKeys], [.. SelectedFolders]);

    private Task DeleteSelectionAsync() => DeleteAsync([.. SelectedKeys], [.. SelectedFolders]);

    private async Task MoveAsync(IReadOnlyList<string> keys, IReadOnlyList<string> folders)
    {
        var dialog = await Dialogs.ShowAsync<MoveDialog>("Move", new DialogParameters<MoveDialog>
        {
            { d => d.Tenant, Tenant }, { d => d.Bucket, Name }, { d => d.Keys, keys }, { d => d.Folders, folders }, { d => d.Current, _query.Prefix },
        }, Options);
        if (await dialog.Result is { Canceled: false, Data: MoveResult moved })
        {
            Snackbar.Add(moved.Failures.Count == 0 ? $"Moved {BucketFormat.Count(moved.Moved, "object", "objects")}."
                : $"Moved {BucketFormat.Count(moved.Moved, "object", "objects")}; {moved.Failures.Count:N0} stayed where they were.", Severity.Success);
            if (_query.Open is { } open && keys.Contains(open))
            {
                Go(_query with { Open = null }, replace: true);
            }
            await ReloadAsync();
        }
    }

    private async Task DeleteAsync(IReadOnlyList<string> keys, IReadOnlyList<string> folders)
    {
        var dialog = await Dialogs.ShowAsync<DeleteDialog>("Delete", new DialogParameters<DeleteDialog>
        {
            { d => d.Tenant, Tenant }, { d => d.Bucket, Name }, { d => d.Keys, keys }, { d => d.Folders, folders },
        }, Options);
        if (await dialog.Result is not { Canceled: false, Data: DeleteOutcome outcome })
        {
            return;
        }
        if (outcome.Deleted > 0)
        {
            Snackbar.Add(outcome.Deleted == 1 ? $"Deleted {ObjectKey.NameWithin(keys[0], ObjectKey.ParentOf(keys[0]))}." : $"Deleted {outcome.Deleted:N0} objects.", Severity.Success);
        }
        if (outcome.Job is { } job)
        {
            await FollowJobAsync(job);
        }
        if (_query.Open is { } open && keys.Contains(open))
        {
            Go(_query with { Open = null }, replace: true);
        }
        await ReloadAsync();
    }

    private async Task ModuleCallAsync(string function, params object?[] arguments)
    {
        _objectsModule ??= await JS.InvokeAsync<IJSObjectReference>("import", "./app/objects.js");
        await _objectsModule.InvokeVoidAsync(function, arguments);
    }
}
