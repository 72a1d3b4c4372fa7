using HikubePortal.Application.Buckets;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// What the bucket page says after an action posted to an endpoint redirected back (post/redirect/get):
/// the redirect carries a code and the user, never free text, and the page turns them into sentences.
/// </summary>
public static class BucketNotices
{
    public const string Added = "user-added";
    public const string Removed = "user-removed";
    public const string Rotated = "user-rotated";
    public const string ReadOnly = "user-read-only";
    public const string ReadWrite = "user-read-write";

    public const string Forbidden = "forbidden";
    public const string Unavailable = "unavailable";
    public const string Conflict = "conflict";
    public const string InvalidUser = "invalid-user";
    public const string UserExists = "user-exists";
    public const string NoSuchUser = "no-such-user";
    public const string NotRevoked = "not-revoked";
    public const string NotIssued = "not-issued";

    public static string? Notice(string? code, string? user) => code switch
    {
        Added => $"User {user} added. Its credentials appear once the platform has issued them.",
        Removed => $"User {user} removed: its keys no longer work.",
        Rotated => $"Keys of {user} rotated: the old keys no longer work. Reveal the new ones below (the platform may take a moment to issue them).",
        ReadOnly => $"User {user} is now read-only.",
        ReadWrite => $"User {user} can now write.",
        _ => null,
    };

    public static string? Error(string? code, string bucket, string? user) => code switch
    {
        Forbidden => "The cluster refused this change: your role does not allow it. Ask a tenant admin or the operators.",
        Unavailable => "The cluster cannot be reached right now; nothing was changed. Try again in a moment.",
        Conflict => $"Bucket {bucket} changed at the same time; reload the page and try again.",
        InvalidUser => NewBucketRules.UserProblem(bucket, user) ?? $"The user name {user} is not accepted.",
        UserExists => $"Bucket {bucket} already has a user {user}.",
        NoSuchUser => $"Bucket {bucket} has no user {user} (any more).",
        NotIssued => $"The credentials of {user} are not issued yet, or cannot be read; nothing was downloaded.",
        NotRevoked => $"The platform did not revoke the old keys of {user} in time, so they may still work. Try rotating again in a moment.",
        _ => null,
    };
}
