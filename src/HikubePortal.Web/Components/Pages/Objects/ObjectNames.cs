using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>Names typed in the object browser's dialogs, checked as they are typed (the service checks them again).</summary>
public static class ObjectNames
{
    /// <summary>Why a new folder name is refused, or null (empty: nothing to say yet).</summary>
    public static string? FolderProblem(string parent, string? name)
    {
        var trimmed = (name ?? string.Empty).Trim().Trim('/');
        return trimmed.Length == 0 ? null : KeyProblem(ObjectKey.NormalizeFolder(parent) + trimmed + "/");
    }

    /// <summary>Why a key is refused (<c>.</c>/<c>..</c> segments, over 1,024 bytes, control characters), or null.</summary>
    public static string? KeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }
        try
        {
            ObjectKey.EnsureCreatable(key, "name");
            return null;
        }
        catch (InvalidException ex)
        {
            return ex.Message;
        }
    }
}
