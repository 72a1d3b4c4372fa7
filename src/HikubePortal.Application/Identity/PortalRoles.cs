namespace HikubePortal.Application.Identity;

/// <summary>Portal-wide roles (tenant roles are memberships, not these).</summary>
public static class PortalRoles
{
    /// <summary>Manages tenants, memberships and users everywhere.</summary>
    public const string Operator = "operator";
}
