using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;

using HikubePortal.Web.Components;
using HikubePortal.Web.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace HikubePortal.Web.Components.Layout;

/// <summary>
/// The frame: app bar (tenant switcher, theme, account), the navigation drawer (what the user's role allows), and the
/// MudBlazor providers. What it shows of the user's tenants is read again on every navigation and every time the
/// session is revalidated, so a role lowered or a membership removed meanwhile is reflected without a reload.
/// </summary>
public sealed partial class MainLayout
{
    private PortalThemeProvider? _themeProvider;
    private FrameState _frame = FrameState.Anonymous;
    private ThemePreference _preference;
    private bool _dark;
    private bool _drawerOpen = true;

    [CascadingParameter] private ThemePreference Theme { get; set; }

    [Inject] private AuthenticationStateProvider AuthenticationStates { get; set; } = default!;

    [Inject] private IOptions<SecurityOptions> Security { get; set; } = default!;

    private readonly CancellationTokenSource _stop = new();

    protected override async Task OnInitializedAsync()
    {
        _preference = Theme;
        _dark = _preference == ThemePreference.Dark;
        Navigation.LocationChanged += OnLocationChanged;
        AuthenticationStates.AuthenticationStateChanged += OnAuthenticationChanged;
        await LoadFrameAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = RevalidateMembershipsAsync(_stop.Token);
            await JS.InvokeVoidAsync("hikube.markInteractive");
        }
        if (firstRender && _preference == ThemePreference.System && _themeProvider is not null)
        {
            _dark = await _themeProvider.GetSystemDarkModeAsync();
            await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChanged);
            StateHasChanged();
        }
    }

    private Task OnSystemDarkModeChanged(bool dark)
    {
        if (_preference == ThemePreference.System)
        {
            _dark = dark;
            StateHasChanged();
        }
        return Task.CompletedTask;
    }

    private async Task SetThemeAsync(ThemePreference preference)
    {
        _preference = preference;
        _dark = preference switch
        {
            ThemePreference.Dark => true,
            ThemePreference.Light => false,
            _ => _themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync(),
        };
        await JS.InvokeVoidAsync("hikube.setTheme", ThemePreferences.Value(preference));
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    /// <summary>Reads the user's memberships again every revalidation interval (30 s): a role changed meanwhile shows.</summary>
    private async Task RevalidateMembershipsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Security.Value.CircuitRevalidation);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await RefreshAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // the page went away
        }
    }

    private async Task LoadFrameAsync()
    {
        var user = (await AuthenticationStates.GetAuthenticationStateAsync()).User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            _frame = FrameState.Anonymous;
            return;
        }
        var tenants = await TenantAccess.ListMineAsync(CancellationToken.None);
        var tenant = TenantOf(Navigation.ToBaseRelativePath(Navigation.Uri));
        var current = tenant is null ? null : await TenantAccess.FindAsync(tenant, CancellationToken.None);
        _frame = new FrameState(user.Identity.Name, user.IsInRole(PortalRoles.Operator), tenants, current);
    }

    /// <summary>The tenant of a path <c>t/{tenant}/...</c>, or null.</summary>
    internal static string? TenantOf(string relativePath)
    {
        var path = relativePath.Split('?', '#')[0];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["t", var tenant, ..] ? Uri.UnescapeDataString(tenant) : null;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = RefreshAsync();

    private void OnAuthenticationChanged(Task<AuthenticationState> state) => _ = RefreshAsync();

    private async Task RefreshAsync()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                await LoadFrameAsync();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // the circuit went away meanwhile
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        Navigation.LocationChanged -= OnLocationChanged;
        AuthenticationStates.AuthenticationStateChanged -= OnAuthenticationChanged;
    }

    /// <summary>What the frame shows of the user.</summary>
    private sealed record FrameState(string? Email, bool IsOperator, IReadOnlyList<TenantAccess> Tenants, TenantAccess? Tenant)
    {
        public static FrameState Anonymous { get; } = new(null, false, [], null);
    }
}
