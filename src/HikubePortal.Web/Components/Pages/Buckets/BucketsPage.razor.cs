using System.Linq.Expressions;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// The tenant's buckets: a grid whose filter, order, page and page size live in the URL, kept current by the tenant's
/// watch cache (a change anywhere reloads the grid from it: no timer, no request to the cluster). The first page is
/// loaded while prerendering and handed to the interactive render.
/// </summary>
public sealed partial class BucketsPage : IDisposable
{
    private static readonly int[] PageSizes = [.. BucketListQuery.PageSizes];

    // The columns' properties, made once: MudBlazor compiles a column's Property whenever it is another expression
    // than the last, and a lambda written in the markup is a new one at every render (five compiles, their JIT and
    // their finalizers per render: a third of the list's server time under load).
    private static readonly Expression<Func<BucketSummary, string>> ByName = b => b.Name;
    private static readonly Expression<Func<BucketSummary, BucketPhase>> ByStatus = b => b.State.Phase;
    private static readonly Expression<Func<BucketSummary, int>> ByUsers = b => b.Users.Count;
    private static readonly Expression<Func<BucketSummary, long?>> BySize = b => b.SizeBytes;
    private static readonly Expression<Func<BucketSummary, DateTimeOffset?>> ByCreated = b => b.CreatedAt;

    private readonly CancellationTokenSource _gone = new();
    private MudDataGrid<BucketSummary>? _grid;
    private BucketListQuery _view = new();
    private BucketListPage? _page;
    private bool _pageIsFresh;
    private PortalException? _problem;
    private string? _filter;
    private int _pageIndex;
    private int _gridKey;
    private IDisposable? _updates;
    private string? _shownTenant;

    [Parameter] public string Tenant { get; set; } = "";

    /// <summary>The user's role in the tenant, from the layout (which actions to offer; the services check again).</summary>
    [CascadingParameter] public TenantAccess? Access { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? FilterQuery { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? SortQuery { get; set; }

    [SupplyParameterFromQuery(Name = "dir")] public string? DirectionQuery { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageQuery { get; set; }

    [SupplyParameterFromQuery(Name = "size")] public string? SizeQuery { get; set; }

    /// <summary>The page loaded while prerendering, for the interactive render (no secrets in it).</summary>
    [PersistentState] public BucketListPage? Prerendered { get; set; }

    [Inject] private IBucketService Buckets { get; set; } = default!;

    [Inject] private IBucketUpdates Updates { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private bool IsAdmin => Access?.Allows(TenantRole.Admin) == true;

    protected override async Task OnParametersSetAsync()
    {
        var requested = BucketListUrl.Parse(FilterQuery, SortQuery, DirectionQuery, PageQuery, SizeQuery);
        if (!string.Equals(_shownTenant, Tenant, StringComparison.Ordinal))
        {
            // Another tenant in the same page (the tenant switcher): nothing of the previous one stays.
            _updates?.Dispose();
            _updates = null;
            _page = null;
            _problem = null;
            _shownTenant = Tenant;
        }
        else if (_page is not null && requested == _view)
        {
            return; // the URL this page wrote itself
        }
        _view = requested;
        _filter = requested.Filter;
        _pageIndex = requested.Page - 1;
        _gridKey++;
        if (_page is null && Prerendered is { } handed && handed.Query == requested)
        {
            Show(handed);
            Prerendered = null;
        }
        else
        {
            await LoadAsync();
        }
        if (RendererInfo.IsInteractive && _updates is null && _problem is not ForbiddenException)
        {
            // Also after a failed read: the cluster coming back is a change, and the list shows then.
            _updates = await SubscribeAsync();
        }
    }

    /// <summary>Loads the view's page outside the grid (first render, empty tenant).</summary>
    private async Task LoadAsync()
    {
        try
        {
            Show(await Buckets.ListAsync(Tenant, _view, _gone.Token));
            Prerendered = RendererInfo.IsInteractive ? null : _page;
        }
        catch (PortalException ex) when (RendererInfo.IsInteractive || ex is UnavailableException or ForbiddenException)
        {
            // While prerendering a tenant that is not (any more) the user's is the not-found page; in an open page it is said here.
            _problem = ex;
            SetStatus(ex is ForbiddenException ? StatusCodes.Status403Forbidden : StatusCodes.Status503ServiceUnavailable);
        }
    }

    private void Show(BucketListPage page)
    {
        _page = page;
        _pageIsFresh = true;
        _problem = null;
    }

    private async Task<IDisposable?> SubscribeAsync()
    {
        try
        {
            return await Updates.SubscribeAsync(Tenant, bucket: null, _page?.Revision, () => InvokeAsync(ChangedAsync), _gone.Token);
        }
        catch (PortalException ex)
        {
            _problem = ex;
            return null;
        }
    }

    /// <summary>Something changed in the tenant: the grid asks again (the cache answers), or the empty page looks again.</summary>
    private async Task ChangedAsync()
    {
        if (_gone.IsCancellationRequested)
        {
            return;
        }
        if (_grid is not null && _page is { Total: > 0 })
        {
            await _grid.ReloadServerData();
        }
        else
        {
            await LoadAsync();
        }
        StateHasChanged();
    }

    /// <summary>The grid's data: the page already in hand when it is the one asked for, else from the service.</summary>
    private async Task<GridData<BucketSummary>> LoadGridAsync(GridState<BucketSummary> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = new BucketListQuery(_filter, SortOf(sort?.SortBy), sort?.Descending ?? false, state.Page + 1, state.PageSize).Normalized();
        if (!(_pageIsFresh && _page is not null && _page.Query == query))
        {
            try
            {
                using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _gone.Token);
                Show(await Buckets.ListAsync(Tenant, query, both.Token));
            }
            catch (PortalException ex)
            {
                _problem = ex;
                StateHasChanged();
                return new GridData<BucketSummary> { Items = _page?.Items ?? [], TotalItems = _page?.Matching ?? 0 };
            }
        }
        _pageIsFresh = false;
        var page = _page!;
        _view = page.Query;
        _pageIndex = page.Query.Page - 1; // the service keeps the page within the list (after deletes)
        var url = BucketListUrl.For(Tenant, page.Query);
        if (!string.Equals(Navigation.ToBaseRelativePath(Navigation.Uri), url.TrimStart('/'), StringComparison.Ordinal))
        {
            Navigation.NavigateTo(url, replace: true);
        }
        StateHasChanged(); // the header and the banner follow the page
        return new GridData<BucketSummary> { Items = page.Items, TotalItems = page.Matching };
    }

    private async Task FilterAsync(string? value)
    {
        _filter = value;
        if (_pageIndex != 0)
        {
            _pageIndex = 0; // the grid reloads when its page changes
        }
        else if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    /// <summary>The column a grid sort names (its property), as the list's order.</summary>
    private static BucketSort SortOf(string? property) => property switch
    {
        "State.Phase" or "Phase" => BucketSort.Status,
        "Users.Count" or "Count" => BucketSort.Users,
        nameof(BucketSummary.SizeBytes) => BucketSort.Size,
        nameof(BucketSummary.CreatedAt) => BucketSort.Created,
        _ => BucketSort.Name,
    };

    private SortDirection Initial(BucketSort sort) =>
        _view.Sort != sort ? SortDirection.None : _view.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private static string UsersText(BucketSummary bucket) =>
        bucket.ReadOnlyUsers == 0 ? bucket.Users.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : $"{bucket.Users.Count}, {bucket.ReadOnlyUsers} read-only";

    public void Dispose()
    {
        _updates?.Dispose();
        _gone.Cancel();
        _gone.Dispose();
    }
}
