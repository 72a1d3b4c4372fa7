using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Hands a circuit's user to <see cref="PortalCurrentUser"/> when the circuit opens, and every time the
/// authentication state changes (revalidation found the account disabled or its password changed: anonymous).
/// </summary>
internal sealed class CircuitUserHandler(
    AuthenticationStateProvider authentication,
    PortalCurrentUser current,
    IHttpContextAccessor accessor) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The address of the connection that opened the circuit: the audit log's "from".
        var address = accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        current.UseCircuitUser((await authentication.GetAuthenticationStateAsync()).User, address);
        authentication.AuthenticationStateChanged += OnChanged;
    }

    private void OnChanged(Task<AuthenticationState> state) =>
        _ = UpdateAsync(state);

    private async Task UpdateAsync(Task<AuthenticationState> state)
    {
        try
        {
            current.UseCircuitUser((await state).User, null);
        }
        catch (Exception) when (state.IsFaulted || state.IsCanceled)
        {
            current.UseCircuitUser(new System.Security.Claims.ClaimsPrincipal(), null);
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
