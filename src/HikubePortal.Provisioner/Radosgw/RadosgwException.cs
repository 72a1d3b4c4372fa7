namespace HikubePortal.Provisioner.Radosgw;

/// <summary>The small set of failures callers act on.</summary>
internal enum RadosgwErrorKind
{
    /// <summary>The user, key or bucket does not exist.</summary>
    NotFound,

    /// <summary>It exists already, or belongs to someone else, or is not empty.</summary>
    Conflict,

    /// <summary>The admin's keys or caps are not accepted.</summary>
    Forbidden,

    /// <summary>radosgw refused the request as malformed.</summary>
    Invalid,

    /// <summary>radosgw could not be reached, timed out or failed on its side: retry later.</summary>
    Unavailable,
}

/// <summary>
/// A radosgw call that failed, translated from HTTP or S3 errors. The message names the operation
/// and radosgw's error code, never a key.
/// </summary>
internal sealed class RadosgwException : Exception
{
    public RadosgwException()
    {
    }

    public RadosgwException(string message)
        : base(message)
    {
    }

    public RadosgwException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RadosgwException(RadosgwErrorKind kind, string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Code = code;
    }

    public RadosgwErrorKind Kind { get; } = RadosgwErrorKind.Unavailable;

    /// <summary>radosgw's error code (e.g. <c>NoSuchUser</c>) or a transport cause.</summary>
    public string Code { get; } = "Unknown";

    public static RadosgwErrorKind KindOf(int httpStatus) => httpStatus switch
    {
        404 => RadosgwErrorKind.NotFound,
        409 => RadosgwErrorKind.Conflict,
        401 or 403 => RadosgwErrorKind.Forbidden,
        >= 400 and < 500 and not 408 and not 429 => RadosgwErrorKind.Invalid,
        _ => RadosgwErrorKind.Unavailable,
    };
}
