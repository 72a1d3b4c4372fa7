using System.Security.Claims;
using HikubePortal.Application.Identity;

namespace HikubePortal.Web.Hosting;

/// <summary>The signed-in user of the current request; for command-line verbs, the system (an operator).</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private bool _system;

    private ClaimsPrincipal? Principal =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public Guid? Id => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? Email => _system ? "system" : Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.Identity?.Name;

    public bool IsOperator => _system || Principal?.IsInRole(PortalRoles.Operator) == true;

    public string? RemoteAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>Acts as the system for the rest of this scope (command-line verbs only).</summary>
    public void ActAsSystem() => _system = true;
}
