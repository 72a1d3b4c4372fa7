using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Application.Tenants;

/// <summary>Settings of tenants and memberships (section <c>Tenancy</c>).</summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>
    /// Kubernetes calls made for a user carry <c>Impersonate-User</c> and <c>Impersonate-Group</c> so the
    /// cluster's RBAC checks them again; false: calls go as the portal's service account alone.
    /// </summary>
    public bool ImpersonateUsers { get; set; } = true;

    /// <summary>How long an invitation link stays valid.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}
