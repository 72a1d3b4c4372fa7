namespace HikubePortal.Application.Objects;

/// <summary>The application error kinds the storage adapter reports instead of S3 transport errors.</summary>
public enum ObjectStorageError
{
    /// <summary>The bucket, object or upload does not exist.</summary>
    NotFound,

    /// <summary>The credentials may not do this (read-only, refused or rotated keys).</summary>
    Forbidden,

    /// <summary>The target exists already or the state does not allow the action.</summary>
    Conflict,

    /// <summary>The input is not acceptable; <see cref="ObjectStorageException.Causes"/> names the fields.</summary>
    Invalid,

    /// <summary>The storage cannot be reached or failed; trying again later may work.</summary>
    Unavailable,
}
