using System.ComponentModel.DataAnnotations;
using HikubePortal.Application.Tenants;

namespace HikubePortal.Web.Components.Pages.Members;

/// <summary>An email and a role, posted by the add and invite forms.</summary>
internal sealed class MemberInput
{
    [Required(ErrorMessage = "Enter an email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    /// <summary>view, use or admin.</summary>
    [Required]
    [RegularExpression("^(view|use|admin)$", ErrorMessage = "Choose view, use or admin.")]
    public string Role { get; set; } = "use";

    public TenantRole RoleValue => TenantRoles.TryParse(Role, out var role) ? role : TenantRole.View;
}
