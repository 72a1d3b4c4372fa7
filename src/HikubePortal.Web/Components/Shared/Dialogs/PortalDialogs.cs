using HikubePortal.Web.Components.Shared.Dialogs;
using MudBlazor;

namespace HikubePortal.Web.Components;

/// <summary>Opening the portal's common dialogs.</summary>
public static class PortalDialogs
{
    /// <summary>Asks for confirmation; true when the user confirmed (typing <paramref name="confirmText"/> when given).</summary>
    public static async Task<bool> ConfirmAsync(
        this IDialogService dialogs, string title, string message, string action, bool destructive = false, string? confirmText = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.Action, action },
            { d => d.Destructive, destructive },
            { d => d.ConfirmText, confirmText },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
