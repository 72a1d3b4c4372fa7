using HikubePortal.Application.Common;
using HikubePortal.Application.Tenants;
using HikubePortal.Web.Components.Pages.Members.Dialogs;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace HikubePortal.Web.Components.Pages.Members;

/// <summary>
/// A tenant admin's members page: roles changed in place, removals and withdrawals after a confirmation, members added
/// or invited in a dialog. Every action goes through <see cref="IMembershipService"/>, which checks the admin role on
/// each call; its refusals (the last admin, a provider's membership) are shown in words and the list is read again.
/// </summary>
public sealed partial class Members
{
    private string? _shown;
    private int _version;
    private PortalException? _problem;
    private string? _problemTitle;

    [Inject] private IMembershipService Memberships { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter] public string Tenant { get; set; } = "";

    /// <summary>Read once while prerendering, kept for the interactive render (emails and roles: no secret).</summary>
    [PersistentState] public MembersPage? Data { get; set; }

    private IReadOnlyList<(string, string)> Crumbs => [(TenantNames.Namespace(Tenant), $"/t/{Tenant}")];

    internal static string RoleId(Guid userId) => $"role-{userId:N}";

    /// <summary>A role as the select shows it: view, use, admin (as in the list of choices).</summary>
    internal static readonly Func<TenantRole, string> RoleName = role => role.Slug();

    protected override async Task OnParametersSetAsync()
    {
        if (Tenant == _shown)
        {
            return;
        }
        if (_shown is not null || Data is null)
        {
            await LoadAsync();
        }
        _shown = Tenant;
    }

    private async Task LoadAsync()
    {
        try
        {
            Data = await Memberships.ListAsync(Tenant, CancellationToken.None);
        }
        catch (PortalException ex)
        {
            (_problem, _problemTitle) = (ex, "The members cannot be shown.");
        }
        _version++;
    }

    private Task AddAsync() => OpenAsync(invite: false, "#add-member");

    private Task InviteAsync() => OpenAsync(invite: true, "#invite-member");

    private async Task OpenAsync(bool invite, string opener)
    {
        var parameters = new DialogParameters<MemberDialog> { { d => d.Tenant, Tenant }, { d => d.Invite, invite } };
        var dialog = await Dialogs.ShowAsync<MemberDialog>(invite ? "Invite by email" : "Add member", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        _problem = null;
        if (result is { Canceled: false, Data: string email } && !invite)
        {
            Snackbar.Add($"{email} is now a member.", Severity.Success);
        }
        // An invitation exists once its link was shown, even when the dialog was closed with Escape.
        await LoadAsync();
        StateHasChanged();
        await FocusAsync(opener);
    }

    private async Task ChangeRoleAsync(MemberView member, TenantRole role)
    {
        await ActAsync(() => Memberships.ChangeRoleAsync(Tenant, member.UserId, role, CancellationToken.None),
            $"{member.Email} is now {role.Slug()}.", $"The role of {member.Email} was not changed.");
        await FocusAsync($"#{RoleId(member.UserId)}");
    }

    private async Task RemoveAsync(MemberView member)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            $"Remove {member.Email}?",
            $"{member.Email} loses access to {TenantNames.Namespace(Tenant)} at once, open pages included. Their account stays; you can add them again later.",
            "Remove member",
            destructive: true);
        if (confirmed)
        {
            await ActAsync(() => Memberships.RemoveAsync(Tenant, member.UserId, CancellationToken.None),
                $"{member.Email} was removed.", $"{member.Email} was not removed.");
        }
        await FocusAsync("#members-heading");
    }

    private async Task WithdrawAsync(InvitationView invitation)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            $"Withdraw the invitation of {invitation.Email}?",
            "Its link stops working at once. You can invite them again later.",
            "Withdraw invitation",
            destructive: true);
        if (confirmed)
        {
            await ActAsync(() => Memberships.RevokeInvitationAsync(Tenant, invitation.Id, CancellationToken.None),
                $"The invitation of {invitation.Email} was withdrawn.", "The invitation was not withdrawn.");
        }
        await FocusAsync(Data is { Invitations.Count: > 0 } ? "#invitations-heading" : "#members-heading");
    }

    private async Task ActAsync(Func<Task> action, string done, string refused)
    {
        _problem = null;
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (PortalException ex)
        {
            (_problem, _problemTitle) = (ex, refused);
        }
        await LoadAsync();
        StateHasChanged();
    }

    private async Task FocusAsync(string selector)
    {
        try
        {
            await JS.InvokeVoidAsync("hikube.focus", selector);
        }
        catch (JSDisconnectedException)
        {
            // the page was closed meanwhile
        }
    }
}
