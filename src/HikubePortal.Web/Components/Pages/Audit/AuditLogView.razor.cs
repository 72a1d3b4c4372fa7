using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Audit;

/// <summary>
/// The audit log of one tenant (<see cref="Tenant"/> set) or of all of them (operators). The filters and the page live in
/// the address: changing a filter rewrites it, Previous / Next are links, and the grid reads the page the address names
/// from the server. The service checks the caller's role on every read.
/// </summary>
public sealed partial class AuditLogView
{
    private MudDataGrid<AuditEntryView>? _grid;
    private AuditView _view = AuditView.Parse(null, null, null, null, null, null);
    private string? _shown;
    private AuditPage? _page;
    private PortalException? _problem;
    private bool _loading = true;

    private string? _tenant;
    private string? _user;
    private string _action = "";
    private string? _from;
    private string? _to;

    [Inject] private IAuditQueryService Audit { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The page's path, e.g. <c>/t/acme/audit</c>.</summary>
    [Parameter, EditorRequired] public string Path { get; set; } = "";

    /// <summary>The tenant whose log this is; null for the log of every tenant (operators only).</summary>
    [Parameter] public string? Tenant { get; set; }

    [SupplyParameterFromQuery(Name = "tenant")] private string? TenantFilter { get; set; }

    [SupplyParameterFromQuery(Name = "user")] private string? UserFilter { get; set; }

    [SupplyParameterFromQuery(Name = "action")] private string? ActionFilter { get; set; }

    [SupplyParameterFromQuery(Name = "from")] private string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")] private string? To { get; set; }

    [SupplyParameterFromQuery(Name = "page")] private string? PageNumber { get; set; }

    private bool AllTenants => Tenant is null;

    private bool Filtered => _view.Tenant is not null || _view.Query is { User: not null } or { Action: not null } or { From: not null } or { To: not null };

    protected override async Task OnParametersSetAsync()
    {
        var view = AuditView.Parse(AllTenants ? TenantFilter : null, UserFilter, ActionFilter, From, To, PageNumber);
        var url = view.Url(Path);
        if (url == _shown)
        {
            return;
        }
        _view = view;
        _shown = url;
        (_tenant, _user, _action) = (view.Tenant, view.Query.User, view.Query.Action ?? "");
        (_from, _to) = (QueryValues.Format(view.Query.From), QueryValues.Format(view.Query.To));
        if (_grid is not null && _page is not null)
        {
            // Another page or other filters in the same circuit: read again. (The first read is the grid's own, once rendered.)
            await _grid.ReloadServerData();
        }
    }

    /// <summary>The filters as typed become the address (first page); the address then drives what is read.</summary>
    private Task ApplyAsync()
    {
        var typed = AuditView.Parse(_tenant, _user, _action, _from, _to, page: null);
        var url = typed.Url(Path);
        if (url != _shown)
        {
            Navigation.NavigateTo(url, replace: true);
        }
        return Task.CompletedTask;
    }

    private async Task<GridData<AuditEntryView>> LoadAsync(GridState<AuditEntryView> state, CancellationToken cancellationToken)
    {
        try
        {
            _page = AllTenants
                ? await Audit.QueryAllAsync(_view.Tenant, _view.Query, cancellationToken)
                : await Audit.QueryTenantAsync(Tenant!, _view.Query, cancellationToken);
            _problem = null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer read replaced this one.
        }
        catch (PortalException ex)
        {
            _page = new AuditPage([], _view.Query.Page, _view.Query.PageSize, HasMore: false);
            _problem = ex;
        }
        _loading = false;
        StateHasChanged();
        var items = _page?.Items ?? [];
        return new GridData<AuditEntryView> { Items = items, TotalItems = items.Count };
    }
}
