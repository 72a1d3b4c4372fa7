using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace HikubePortal.Web.Components;

/// <summary>Shows an application's <see cref="InvalidException"/> on the form's fields (server-side validation).</summary>
internal static class FormErrors
{
    public static void Show(EditContext context, ValidationMessageStore store, object model, InvalidException error)
    {
        store.Clear();
        if (error.Errors.Count == 0)
        {
            store.Add(new FieldIdentifier(model, string.Empty), error.Message);
        }
        foreach (var (field, messages) in error.Errors)
        {
            store.Add(new FieldIdentifier(model, field), messages);
        }
        context.NotifyValidationStateChanged();
    }

    /// <summary>One message on one field (a name already used, the last admin).</summary>
    public static void Show(EditContext context, ValidationMessageStore store, object model, string field, string message)
    {
        store.Clear();
        store.Add(new FieldIdentifier(model, field), message);
        context.NotifyValidationStateChanged();
    }
}
