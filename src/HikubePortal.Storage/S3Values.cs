namespace HikubePortal.Storage;

/// <summary>Small conversions of S3 wire values.</summary>
internal static class S3Values
{
    /// <summary>An ETag without its quotes (S3 sends <c>"abc"</c>).</summary>
    public static string? Unquote(string? eTag) =>
        string.IsNullOrEmpty(eTag) ? null : eTag.Trim().Trim('"');

    /// <summary>An ETag with quotes, as CompleteMultipartUpload expects it.</summary>
    public static string Quote(string eTag) => $"\"{eTag.Trim().Trim('"')}\"";

    /// <summary>An SDK date (UTC or local, depending on the call) as an offset in UTC.</summary>
    public static DateTimeOffset? ToOffset(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)),
        var v => new DateTimeOffset(v.Value.ToUniversalTime()),
    };
}
