using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Operators;

/// <summary>
/// Every account, one page at a time from the server: the search and the page live in the address. Disabling asks for
/// confirmation first; the service refuses disabling oneself, in words.
/// </summary>
public sealed partial class Users
{
    private const int PageSize = 50;

    private MudDataGrid<UserSummary>? _grid;
    private UserQuery _query = new(null, 1);
    private string? _shown;
    private List<string> _notices = [];
    private string? _search;
    private UserPage? _page;
    private PortalException? _problem;
    private bool _loading = true;

    [Inject] private IUserAdminService UserAdmin { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] private string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "page")] private string? PageNumber { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var notices = new List<string>();
        var query = new UserQuery(QueryValues.Text(Search, "email", notices), QueryValues.Page(PageNumber, notices));
        if (query.Url() == _shown)
        {
            return;
        }
        (_query, _shown, _notices, _search) = (query, query.Url(), notices, query.Search);
        if (_grid is not null && _page is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private Task SearchAsync()
    {
        var url = new UserQuery(FilterText.Clean(_search, out _), 1).Url();
        if (url != _shown)
        {
            Navigation.NavigateTo(url, replace: true);
        }
        return Task.CompletedTask;
    }

    private async Task<GridData<UserSummary>> LoadAsync(GridState<UserSummary> state, CancellationToken cancellationToken)
    {
        try
        {
            _page = await UserAdmin.ListAsync(_query.Search, _query.Page, PageSize, cancellationToken);
            _problem = null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer read replaced this one.
        }
        catch (PortalException ex)
        {
            _page = new UserPage([], _query.Page, PageSize, HasMore: false);
            _problem = ex;
        }
        _loading = false;
        StateHasChanged();
        var items = _page?.Items ?? [];
        return new GridData<UserSummary> { Items = items, TotalItems = items.Count };
    }

    private async Task DisableAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            $"Disable {user.Email}?",
            $"{user.Email} can no longer sign in, and loses access to their {user.Tenants} tenant(s) at once, open pages included. You can enable the account again later.",
            "Disable user",
            destructive: true);
        if (confirmed)
        {
            await ActAsync(() => UserAdmin.DisableAsync(user.Id, CancellationToken.None), $"{user.Email} is disabled.");
        }
    }

    private async Task EnableAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            $"Enable {user.Email}?",
            $"{user.Email} can sign in again, with the tenant memberships they still have.",
            "Enable user");
        if (confirmed)
        {
            await ActAsync(() => UserAdmin.EnableAsync(user.Id, CancellationToken.None), $"{user.Email} is enabled.");
        }
    }

    private async Task ActAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (PortalException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    /// <summary>The users page's view: search and page, and its address.</summary>
    private sealed record UserQuery(string? Search, int Page)
    {
        public string Url(int? page = null) =>
            QueryValues.Url("/operator/users", ("q", Search), ("page", QueryValues.Format(page ?? Page)));
    }
}
