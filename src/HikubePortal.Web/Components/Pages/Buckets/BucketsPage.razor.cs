using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// The tenant's buckets: a table whose filter, order, page and page size live in the URL (its headers and pager are
/// links), kept current by the tenant's watch cache (a change anywhere reloads the page from it: no timer, no request
/// to the cluster). The first page is loaded while prerendering and handed to the interactive render.
/// </summary>
public sealed partial class BucketsPage : IDisposable
{
    /// <summary>The orders offered where the headers do not show (phones): each column both ways, in words.</summary>
    private static readonly (BucketSort Sort, bool Descending, string Text)[] SortChoices =
    [
        (BucketSort.Name, false, "Name, A to Z"),
        (BucketSort.Name, true, "Name, Z to A"),
        (BucketSort.Status, false, "Status"),
        (BucketSort.Status, true, "Status, reversed"),
        (BucketSort.Users, false, "Users, fewest first"),
        (BucketSort.Users, true, "Users, most first"),
        (BucketSort.Size, false, "Size, smallest first"),
        (BucketSort.Size, true, "Size, largest first"),
        (BucketSort.Created, false, "Created, oldest first"),
        (BucketSort.Created, true, "Created, newest first"),
    ];

    private static readonly TimeSpan FilterDelay = TimeSpan.FromMilliseconds(300);

    private readonly CancellationTokenSource _gone = new();
    private CancellationTokenSource? _typing;
    private BucketListQuery _view = new();
    private BucketListPage? _page;
    private PortalException? _problem;
    private string? _filter;
    private IDisposable? _updates;
    private string? _shownTenant;
    private bool _addressToWrite;

    [Parameter] public string Tenant { get; set; } = "";

    /// <summary>The user's role in the tenant, from the layout (which actions to offer; the services check again).</summary>
    [CascadingParameter] public TenantAccess? Access { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? FilterQuery { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? SortQuery { get; set; }

    [SupplyParameterFromQuery(Name = "dir")] public string? DirectionQuery { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageQuery { get; set; }

    [SupplyParameterFromQuery(Name = "size")] public string? SizeQuery { get; set; }

    /// <summary>
    /// The page loaded while prerendering, for the interactive render's first frame (no secrets in it). Only pages of up
    /// to <see cref="BucketListQuery.DefaultPageSize"/> rows: the browser sends the persisted state back in the circuit's
    /// first message, which SignalR caps at 32 KB (a page of 200 rows is about 95 KB, and its circuit never started).
    /// </summary>
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
        if (_page is null && Prerendered is { } handed && handed.Query == requested)
        {
            // Shown at once (nothing flickers), then read again from the tenant's cache while the first frame goes out:
            // the handed copies are this circuit's own, the cache's rows and their markup are shared by every open page.
            Show(handed);
            Prerendered = null;
            await LoadAsync();
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

    /// <summary>Loads the view's page; an open page keeps the rows it shows when that fails, and says why above them.</summary>
    private async Task LoadAsync()
    {
        try
        {
            Show(await Buckets.ListAsync(Tenant, _view, _gone.Token));
            Prerendered = RendererInfo.IsInteractive || _page!.Items.Count > BucketListQuery.DefaultPageSize ? null : _page;
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
        _view = page.Query; // the service keeps the page within the list (after deletes)
        _problem = null;
        _addressToWrite = RendererInfo.IsInteractive; // a page past the end became the last one, bad values the defaults
    }

    /// <summary>
    /// The address follows the page shown once it is rendered: navigating from inside the circuit's first render, before
    /// the browser had the page, left it waiting (the journey met a list that never became interactive).
    /// </summary>
    protected override void OnAfterRender(bool firstRender)
    {
        if (_addressToWrite)
        {
            _addressToWrite = false;
            GoTo(_view, replace: true);
        }
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

    /// <summary>Something changed in the tenant: the page asks again (the cache answers).</summary>
    private async Task ChangedAsync()
    {
        if (_gone.IsCancellationRequested)
        {
            return;
        }
        await LoadAsync();
        StateHasChanged();
    }

    /// <summary>
    /// Typed into the filter: 300 ms after the last key, the first page of the names containing it, in place of the
    /// current address.
    /// </summary>
    private async Task FilterTyped(ChangeEventArgs e)
    {
        var value = e.Value as string;
        _filter = value;
        if (_typing is { } previous)
        {
            await previous.CancelAsync();
            previous.Dispose();
        }
        var typing = _typing = CancellationTokenSource.CreateLinkedTokenSource(_gone.Token);
        try
        {
            await Task.Delay(FilterDelay, Time, typing.Token);
        }
        catch (OperationCanceledException)
        {
            return; // another key, or the page closed
        }
        GoTo(_view with { Filter = string.IsNullOrEmpty(value) ? null : value, Page = 1 }, replace: true);
    }

    private void SortChosen(ChangeEventArgs e)
    {
        var choice = SortChoices.FirstOrDefault(c => ChoiceValue(c.Sort, c.Descending) == e.Value as string);
        if (choice.Text is not null)
        {
            GoTo(_view with { Sort = choice.Sort, Descending = choice.Descending, Page = 1 });
        }
    }

    private void SizeChosen(ChangeEventArgs e)
    {
        if (QueryValues.Number(e.Value as string, 1, BucketListQuery.PageSizes.Max()) is { } size)
        {
            GoTo(_view with { PageSize = size, Page = 1 });
        }
    }

    /// <summary>To <paramref name="query"/>'s address, unless the page is there already: the address changing loads it.</summary>
    private void GoTo(BucketListQuery query, bool replace = false)
    {
        var url = BucketListUrl.For(Tenant, query.Normalized());
        if (!string.Equals(Navigation.ToBaseRelativePath(Navigation.Uri), url.TrimStart('/'), StringComparison.Ordinal))
        {
            Navigation.NavigateTo(url, replace: replace);
        }
    }

    private static string ChoiceValue(BucketSort sort, bool descending) => BucketListUrl.Slug(sort) + (descending ? "-desc" : "");

    /// <summary>
    /// The options of the order and page size lists, the chosen one selected: one piece of markup each (written once per
    /// choice, shared by every open list) instead of five frames an option in the page's render trees.
    /// </summary>
    private static readonly Dictionary<(BucketSort, bool), MarkupString> SortOptionsByChoice = SortChoices.ToDictionary(
        c => (c.Sort, c.Descending),
        c => Options(SortChoices.Select(o => (ChoiceValue(o.Sort, o.Descending), o.Text, o == c))));

    private static readonly Dictionary<int, MarkupString> SizeOptionsBySize = BucketListQuery.PageSizes.ToDictionary(
        size => size,
        size => Options(BucketListQuery.PageSizes.Select(s =>
        {
            var text = s.ToString(CultureInfo.InvariantCulture);
            return (text, text, s == size);
        })));

    private static MarkupString SortOptions(BucketListQuery view) =>
        SortOptionsByChoice.TryGetValue((view.Sort, view.Descending), out var options) ? options : SortOptionsByChoice[(BucketSort.Name, false)];

    private static MarkupString SizeOptions(BucketListQuery view) =>
        SizeOptionsBySize.TryGetValue(view.PageSize, out var options) ? options : SizeOptionsBySize[BucketListQuery.DefaultPageSize];

    private static MarkupString Options(IEnumerable<(string Value, string Text, bool Selected)> options)
    {
        var html = new StringBuilder();
        foreach (var (value, text, selected) in options)
        {
            html.Append("<option value=\"").Append(HtmlEncoder.Default.Encode(value)).Append('"').Append(selected ? " selected" : "").Append('>')
                .Append(HtmlEncoder.Default.Encode(text)).Append("</option>");
        }
        return new MarkupString(html.ToString());
    }

    /// <summary>The list ordered by <paramref name="sort"/>: the other way round when it is the order already.</summary>
    private string SortHref(BucketSort sort) =>
        BucketListUrl.For(Tenant, _view with { Sort = sort, Descending = _view.Sort == sort && !_view.Descending, Page = 1 });

    private string? AriaSort(BucketSort sort) => _view.Sort == sort ? (_view.Descending ? "descending" : "ascending") : null;

    /// <summary>Page <paramref name="number"/>'s address, or null when there is no such page or it is this one.</summary>
    private string? PageHref(int number) =>
        _page is not null && number >= 1 && number <= _page.PageCount && number != _view.Page ? BucketListUrl.For(Tenant, _view with { Page = number }) : null;

    public void Dispose()
    {
        _updates?.Dispose();
        _gone.Cancel(); // also ends a pending filter (its token is linked to this one)
        _typing?.Dispose();
        _gone.Dispose();
    }
}
