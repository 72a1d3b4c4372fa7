using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>
/// What the object browser says after an action redirected back (post/redirect/get): the redirect carries a code
/// and the name concerned, never free text, and the page turns them into sentences.
/// </summary>
public static class ObjectNotices
{
    public const string FolderCreated = "folder-created";
    public const string Deleted = "deleted";
    public const string Moved = "moved";

    public const string InvalidName = "invalid-name";
    public const string ReadOnly = "read-only";
    public const string NotIssued = "not-issued";
    public const string Unavailable = "unavailable";
    public const string NotFound = "not-found";
    public const string Exists = "exists";
    public const string Forbidden = "forbidden";
    public const string NothingChosen = "nothing-chosen";
    public const string Failed = "failed";

    public static string? Notice(string? code, string? name, int? count) => code switch
    {
        FolderCreated => $"Folder {name} created.",
        Deleted => count is 1 ? $"Deleted {name}." : $"Deleted {count ?? 0} objects.",
        Moved => $"Moved to {name}.",
        _ => null,
    };

    public static string? Error(string? code, string bucket, string? name, string? prefix) => code switch
    {
        InvalidName => NameProblem(prefix, name) ?? $"The name {name} is not accepted.",
        ReadOnly => ObjectAccessResolver.ReadOnlyMessage(bucket),
        NotIssued => ObjectAccessResolver.NotIssued(bucket),
        Unavailable => "The storage cannot be reached right now; nothing was changed. Try again in a moment.",
        NotFound => $"{name} does not exist (any more).",
        Exists => $"{name} already exists; choose another name.",
        Forbidden => "The storage refused this: the bucket's credentials do not allow it.",
        NothingChosen => "Choose the files or folders first.",
        Failed => $"Some objects could not be deleted{(name is null ? string.Empty : $" (for example {name})")}.",
        _ => null,
    };

    /// <summary>The code of an expected failure of an object action.</summary>
    public static string Code(PortalException exception) => exception switch
    {
        InvalidException => InvalidName,
        ConflictException when exception.Message.Contains("read-only users", StringComparison.Ordinal) => ReadOnly,
        ConflictException when exception.Message.Contains("no credentials issued", StringComparison.Ordinal) => NotIssued,
        ConflictException => Exists,
        ForbiddenException => Forbidden,
        NotFoundException => NotFound,
        _ => Unavailable,
    };

    /// <summary>Why a new folder name is refused (the object key rules), or null.</summary>
    private static string? NameProblem(string? prefix, string? name)
    {
        var trimmed = (name ?? string.Empty).Trim().Trim('/');
        if (trimmed.Length == 0)
        {
            return "A folder needs a name.";
        }
        try
        {
            ObjectKey.EnsureCreatable(ObjectKey.NormalizeFolder(prefix) + trimmed + "/", "name");
            return null;
        }
        catch (InvalidException ex)
        {
            return ex.Message;
        }
    }
}
