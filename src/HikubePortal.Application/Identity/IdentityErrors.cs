using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Identity;

namespace HikubePortal.Application.Identity;

internal static class IdentityErrors
{
    /// <summary>Turns a failed Identity result into an <see cref="InvalidException"/> on <paramref name="field"/>.</summary>
    public static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (result.Succeeded)
        {
            return;
        }
        var messages = result.Errors.Select(e => e.Description).ToList();
        var key = result.Errors.Any(e => e.Code == "PasswordMismatch") ? "CurrentPassword" : field;
        throw new InvalidException(string.Join(" ", messages), new Dictionary<string, IReadOnlyList<string>> { [key] = messages });
    }
}
