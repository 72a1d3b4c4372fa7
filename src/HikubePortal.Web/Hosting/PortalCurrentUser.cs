using System.Security.Claims;
using HikubePortal.Application.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Who acts in this scope: in a request, its signed-in user; in an interactive circuit, the circuit's user as the
/// authentication state has it (kept current by <see cref="CircuitUserHandler"/>: signed out or revalidated away,
/// the next service call runs as nobody and is refused); for command-line verbs, the system (an operator).
/// </summary>
internal sealed class PortalCurrentUser(IHttpContextAccessor accessor, IOptions<IdentityOptions> identity) : ICurrentUser
{
    private bool _system;
    private bool _inCircuit;
    private ClaimsPrincipal _circuitUser = new();
    private string? _circuitAddress;

    private ClaimsPrincipal? Principal =>
        (_inCircuit ? _circuitUser : accessor.HttpContext?.User) is { Identity.IsAuthenticated: true } user ? user : null;

    public Guid? Id => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? Email => _system ? "system" : Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.Identity?.Name;

    public bool IsOperator => _system || Principal?.IsInRole(PortalRoles.Operator) == true;

    public string? SessionStamp => _system ? null : Principal?.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);

    public string? RemoteAddress => _inCircuit ? _circuitAddress : accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>Acts as the system for the rest of this scope (command-line verbs only).</summary>
    public void ActAsSystem() => _system = true;

    /// <summary>From now on this scope is a circuit of <paramref name="user"/> (HttpContext is not to be trusted there).</summary>
    internal void UseCircuitUser(ClaimsPrincipal user, string? remoteAddress)
    {
        _inCircuit = true;
        _circuitUser = user;
        _circuitAddress ??= remoteAddress;
    }
}
