using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>
/// What the object browser says when a download or a zip could not start: the endpoint redirects back to the folder
/// with a code and the name concerned (never free text), and the page turns them into a sentence.
/// </summary>
public static class ObjectNotices
{
    public const string InvalidName = "invalid-name";
    public const string ReadOnly = "read-only";
    public const string NotIssued = "not-issued";
    public const string Unavailable = "unavailable";
    public const string NotFound = "not-found";
    public const string Exists = "exists";
    public const string Forbidden = "forbidden";
    public const string NothingChosen = "nothing-chosen";

    public static string? Error(string? code, string bucket, string? name) => code switch
    {
        InvalidName => $"The name {name} is not accepted.",
        ReadOnly => ObjectAccessResolver.ReadOnlyMessage(bucket),
        NotIssued => ObjectAccessResolver.NotIssued(bucket),
        Unavailable => "The storage cannot be reached right now; nothing was changed. Try again in a moment.",
        NotFound => $"{name} does not exist (any more).",
        Exists => $"{name} already exists; choose another name.",
        Forbidden => "The storage refused this: the bucket's credentials do not allow it.",
        NothingChosen => "Choose the files or folders first.",
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
}
