using System.Globalization;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Objects;
using HikubePortal.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>
/// What changes while the page is open: the browser's uploads (run by uploads.js, reported here; the listing refreshes
/// as files arrive in the folder shown), the bucket being deleted, and folder-delete jobs.
/// </summary>
public sealed partial class ObjectsPage
{
    private readonly UploadsView _uploads = new();
    private bool _uploadsCollapsed;
    private IJSObjectReference? _uploadModule;
    private IJSObjectReference? _uploadSession;
    private DotNetObjectReference<ObjectsPage>? _self;
    private IDisposable? _bucketWatch;
    private IAsyncDisposable? _jobWatch;
    private BucketJobView? _job;
    private BucketLiveState? _live;
    private CancellationTokenSource? _refresh;

    [Inject] private IObjectLiveUpdates Live { get; set; } = default!;

    [Inject] private IOptions<UploadOptions> UploadSettings { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }
        _self = DotNetObjectReference.Create(this);
        try
        {
            _bucketWatch = await Live.WatchBucketAsync(Tenant, Name, state => _ = InvokeAsync(() =>
            {
                _live = state;
                StateHasChanged();
            }), CancellationToken.None);
        }
        catch (Application.Common.PortalException)
        {
            // the listing already says why this bucket cannot be shown
        }
        await AttachUploadsAsync();
    }

    /// <summary>Connects the browser's uploads of this bucket to the page (they may have started on an earlier visit).</summary>
    private async Task AttachUploadsAsync()
    {
        var settings = UploadSettings.Value;
        var token = Antiforgery.GetAntiforgeryToken();
        _uploadModule = await JS.InvokeAsync<IJSObjectReference>("import", "./app/uploads.js");
        _uploadSession = await _uploadModule.InvokeAsync<IJSObjectReference>("attach", new
        {
            api = UploadLinks.Api(Tenant, Name, string.Empty),
            token = token?.Value ?? string.Empty,
            prefix = _query.Prefix,
            endpoint = settings.Direct ? _folder?.Endpoint?.ToString() : null,
            threshold = settings.MultipartThreshold,
            parallelFiles = settings.ParallelFiles,
            partsInFlight = settings.PartsInFlight,
            canWrite = CanWrite,
        }, _self, _zone);
    }

    /// <summary>The browser's report of its uploads (progress, completions); files done in the folder shown refresh it.</summary>
    [JSInvokable]
    public async Task OnUploads(UploadPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        _uploads.Apply(patch);
        if (patch.Completed.Any(key => key.StartsWith(_query.Prefix, StringComparison.Ordinal)))
        {
            await ScheduleRefreshAsync();
        }
        StateHasChanged();
    }

    /// <summary>Lists the page again shortly after files arrived (once for a burst of completions).</summary>
    private async Task ScheduleRefreshAsync()
    {
        if (_refresh is not null)
        {
            await _refresh.CancelAsync();
            _refresh.Dispose();
        }
        _refresh = new CancellationTokenSource();
        var token = _refresh.Token;
        _ = Task.Delay(400, token).ContinueWith(_ => InvokeAsync(async () =>
        {
            if (!token.IsCancellationRequested)
            {
                await LoadAsync();
                StateHasChanged();
            }
        }), token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private async Task FolderChangedAsync()
    {
        if (_uploadSession is not null)
        {
            await _uploadSession.InvokeVoidAsync("setPrefix", _query.Prefix);
        }
    }

    private Task CancelUploadAsync(int id) => UploadCallAsync("cancel", id);

    private Task RetryUploadAsync(int id) => UploadCallAsync("retry", id);

    private Task CancelAllUploadsAsync() => UploadCallAsync("cancelAll");

    private Task RetryAllUploadsAsync() => UploadCallAsync("retryAll");

    private Task ClearUploadsAsync() => UploadCallAsync("clear");

    private async Task UploadCallAsync(string function, params object?[] arguments)
    {
        if (_uploadSession is not null)
        {
            await _uploadSession.InvokeVoidAsync(function, arguments);
        }
    }

    /// <summary>Shows a folder-delete job's progress as the portal reports it, until it ends.</summary>
    private async Task FollowJobAsync(BucketJobView job)
    {
        await StopJobWatchAsync();
        _job = job;
        _jobWatch = await Live.WatchJobAsync(Tenant, Name, job.Id, view => _ = InvokeAsync(async () =>
        {
            _job = view;
            if (!view.IsActive)
            {
                await LoadAsync();
            }
            StateHasChanged();
        }), CancellationToken.None);
    }

    private async Task DismissJobAsync()
    {
        await StopJobWatchAsync();
        _job = null;
    }

    private async Task StopJobWatchAsync()
    {
        if (_jobWatch is not null)
        {
            await _jobWatch.DisposeAsync();
            _jobWatch = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _bucketWatch?.Dispose();
        await StopJobWatchAsync();
        if (_refresh is not null)
        {
            await _refresh.CancelAsync();
            _refresh.Dispose();
        }
        try
        {
            if (_uploadSession is not null)
            {
                // The uploads go on in the browser: a later visit of this bucket's objects shows them again.
                await _uploadSession.InvokeVoidAsync("detach");
                await _uploadSession.DisposeAsync();
            }
            if (_uploadModule is not null)
            {
                await _uploadModule.DisposeAsync();
            }
            if (_objectsModule is not null)
            {
                await _objectsModule.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // the circuit is gone
        }
        _self?.Dispose();
    }

}
