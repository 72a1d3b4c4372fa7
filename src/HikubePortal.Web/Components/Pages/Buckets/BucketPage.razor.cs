using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Tenants;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// The bucket page: Overview, Access (users and keys), Connect (snippets), Data (versioning and lifecycle, admins),
/// Activity (admins), the tab in the URL.
/// It follows the cluster live (the tenant's watch cache): a status change, users changed with kubectl, a deletion
/// by anyone show without reload. Secrets are revealed only in an event handler and live in a private field.
/// </summary>
public sealed partial class BucketPage
{
    private static readonly string[] Tabs = ["overview", "access", "connect", "data", "activity"];

    private readonly Dictionary<string, RevealedAccess> _revealed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _gone = new();
    private IDisposable? _updates;
    private MudMenu? _actions;
    private IDisposable? _following;
    private BucketJobView? _job;
    private PortalException? _problem;
    private bool _deleted;
    private bool _deleting;
    private bool _left;

    // Reads of the bucket and of its users overlap (the first read, a change told by the cluster, the role arriving):
    // each takes a number, and only the latest started is shown, so an older answer never replaces a newer one.
    private int _bucketReads;
    private int _userReads;

    [Parameter] public string Tenant { get; set; } = "";

    [Parameter] public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [CascadingParameter] public TenantAccess? Access { get; set; }

    /// <summary>What the page shows, loaded once while prerendering (no secret: access keys only).</summary>
    [PersistentState] public BucketPageData? Data { get; set; }

    [Inject] private IBucketService Buckets { get; set; } = default!;

    [Inject] private ICredentialService Credentials { get; set; } = default!;

    [Inject] private IBucketUpdates Updates { get; set; } = default!;

    [Inject] private IBucketJobService Jobs { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private bool CanUse => Access?.Allows(TenantRole.Use) == true;

    private bool IsAdmin => Access?.Allows(TenantRole.Admin) == true;

    /// <summary>The tab of the URL (a tab the role does not have, or a bad value, is the overview).</summary>
    private int TabIndex
    {
        get => VisibleTabs.IndexOf(Tab ?? "overview") is var i and >= 0 ? i : 0;
        set
        {
            var tab = VisibleTabs[Math.Clamp(value, 0, VisibleTabs.Count - 1)];
            if (tab != (Tab ?? "overview"))
            {
                Navigation.NavigateTo(BucketLinks.Page(Tenant, Name, tab), replace: true);
            }
        }
    }

    private List<string> VisibleTabs => [.. Tabs.Where(t => t switch { "connect" => CanUse, "data" or "activity" => IsAdmin, _ => true })];

    protected override async Task OnInitializedAsync()
    {
        if (Data is not null)
        {
            return; // restored from the prerendering
        }
        try
        {
            var read = ++_bucketReads;
            var bucket = await Buckets.GetAsync(Tenant, Name, Aborted);
            if (read == _bucketReads)
            {
                Show(bucket);
            }
        }
        catch (NotFoundException) when (!RendererInfo.IsInteractive)
        {
            throw; // the 404 page
        }
        catch (PortalException ex)
        {
            _problem = ex;
        }
    }

    /// <summary>
    /// The users' access keys, once the role allows them: the frame's role arrives after the page started (the layout
    /// reads it meanwhile) and may be raised later, so this runs on every parameter change, not only at the start.
    /// </summary>
    protected override async Task OnParametersSetAsync()
    {
        if (CanUse && Data is { Users: null, UsersProblem: null } && _userReads == 0)
        {
            await LoadUsersAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }
        try
        {
            _updates = await Updates.SubscribeAsync(Tenant, Name, null, OnBucketChangedAsync, _gone.Token);
            // A change between the page's first read and the subscription (a new bucket turns Ready within a second)
            // would otherwise be missed: read it once more, now that later changes are told.
            if (Data is not null)
            {
                await OnBucketChangedAsync();
            }
            if (IsAdmin && await Jobs.LatestAsync(Tenant, Name, _gone.Token) is { Kind: BucketJobKind.EmptyAndDelete } job && (job.IsActive || Data is null))
            {
                await FollowAsync(job);
            }
        }
        catch (PortalException ex)
        {
            _problem = ex;
        }
        StateHasChanged();
    }

    /// <summary>The bucket changed on the cluster (whoever changed it): read it again from the watch cache.</summary>
    private Task OnBucketChangedAsync() => InvokeAsync(async () =>
    {
        try
        {
            var read = ++_bucketReads;
            var bucket = await Buckets.GetAsync(Tenant, Name, _gone.Token);
            if (read != _bucketReads)
            {
                return; // a later read is under way
            }
            var before = Data;
            Show(bucket);
            _problem = null;
            if (CanUse && (before is null || !before.Bucket.Summary.Users.SequenceEqual(bucket.Summary.Users) || before.Bucket.State != bucket.State))
            {
                await LoadUsersAsync();
            }
        }
        catch (NotFoundException)
        {
            Gone();
        }
        catch (PortalException ex)
        {
            _problem = ex;
        }
        StateHasChanged();
    });

    /// <summary>The bucket as read now, with the users the page already has.</summary>
    private void Show(BucketDetails bucket) => Data = Data is null ? new BucketPageData(bucket, null, null) : Data with { Bucket = bucket };

    /// <summary>
    /// Users and access keys (role use), into what the page shows when they arrive (the bucket may have changed
    /// meanwhile): a problem reading them is shown on the Access tab.
    /// </summary>
    private async Task LoadUsersAsync()
    {
        var read = ++_userReads;
        IReadOnlyList<UserAccessView>? users = null;
        string? problem = null;
        try
        {
            users = await Credentials.ListAsync(Tenant, Name, RendererInfo.IsInteractive ? _gone.Token : Aborted);
        }
        catch (PortalException ex) when (ex is UnavailableException or ForbiddenException or NotFoundException or ConflictException)
        {
            problem = ex.Message;
        }
        if (read != _userReads || Data is null)
        {
            return; // a later read is under way
        }
        if (users is not null)
        {
            foreach (var user in _revealed.Keys.Where(u => users.All(v => v.User != u || v.AccessKey != _revealed[u].Connection.AccessKey)).ToList())
            {
                _revealed.Remove(user); // removed or rotated: the revealed keys no longer work
            }
        }
        Data = problem is null ? Data with { Users = users, UsersProblem = null } : Data with { UsersProblem = problem };
    }

    /// <summary>Reveal: audited by the service; the secret stays in this circuit's memory, and the focus on it.</summary>
    private async Task RevealAsync(string user)
    {
        try
        {
            _revealed[user] = await Credentials.RevealAsync(Tenant, Name, user, _gone.Token);
            StateHasChanged();
            await JS.InvokeVoidAsync("hikube.focus", $"#{UserCard.SecretId(user)}");
        }
        catch (PortalException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
    }

    private async Task DeleteAsync()
    {
        if (_actions is not null)
        {
            await _actions.CloseMenuAsync(); // it would stay open over the dialog until the dialog closes
        }
        var parameters = new DialogParameters<Dialogs.DeleteBucketDialog>
        {
            { d => d.Tenant, Tenant },
            { d => d.Bucket, Name },
            { d => d.Locking, Data?.Bucket.Summary.Locking == true },
        };
        var dialog = await Dialogs.ShowAsync<Dialogs.DeleteBucketDialog>($"Delete bucket {Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        switch (result?.Data)
        {
            case BucketJobView job:
                _deleting = true;
                await FollowAsync(job);
                break;
            case BucketDeletion.Requested:
                Leave($"Bucket {Name} is being deleted.");
                break;
            case BucketDeletion.AlreadyGone:
                Gone();
                break;
            default:
                break;
        }
    }

    /// <summary>Shows a job's progress as the runner pushes it; this replica only, so a page served elsewhere reads it again now and then.</summary>
    private async Task FollowAsync(BucketJobView job)
    {
        _job = job;
        _following?.Dispose();
        _following = await Jobs.FollowAsync(Tenant, Name, job.Id, view => _ = InvokeAsync(() => OnJobProgress(view)), _gone.Token);
        _ = RefreshJobWhileQuietAsync(job.Id, _gone.Token);
    }

    private void OnJobProgress(BucketJobView view)
    {
        _job = view;
        _lastPush = DateTimeOffset.UtcNow;
        if (view.State == BucketJobState.Succeeded && _deleting)
        {
            Leave($"Bucket {Name} was emptied and is being deleted.");
            return;
        }
        StateHasChanged();
    }

    private DateTimeOffset _lastPush = DateTimeOffset.UtcNow;

    /// <summary>
    /// The job runs on whichever replica took it: when nothing was pushed for a few seconds (another replica runs it),
    /// the job is read again from the database. On the replica that runs it the pushes keep this quiet.
    /// </summary>
    private async Task RefreshJobWhileQuietAsync(Guid id, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        try
        {
            while (_job is { IsActive: true } && _job.Id == id && await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (DateTimeOffset.UtcNow - _lastPush > TimeSpan.FromSeconds(5) && await Jobs.LatestAsync(Tenant, Name, cancellationToken) is { } latest && latest.Id == id)
                {
                    await InvokeAsync(() => OnJobProgress(latest));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the page went away
        }
        catch (PortalException)
        {
            // no longer allowed, or the database is away: the pushes (or the bucket's deletion) still show
        }
    }

    private void Gone()
    {
        if (_deleting)
        {
            Leave($"Bucket {Name} was deleted.");
            return;
        }
        _deleted = true;
        _revealed.Clear();
    }

    private void Leave(string message)
    {
        if (_left)
        {
            return;
        }
        _left = true;
        Snackbar.Add(message, Severity.Success);
        Navigation.NavigateTo(BucketLinks.List(Tenant));
    }

    public void Dispose()
    {
        _updates?.Dispose();
        _following?.Dispose();
        _gone.Cancel();
        _gone.Dispose();
    }
}

/// <summary>What the bucket page loads once (persisted from the prerendering): never a secret key.</summary>
public sealed record BucketPageData(BucketDetails Bucket, IReadOnlyList<UserAccessView>? Users, string? UsersProblem);
