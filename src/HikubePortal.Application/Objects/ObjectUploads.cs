namespace HikubePortal.Application.Objects;

/// <summary>
/// A presigned request for the browser: the method, the URL and the headers it must send exactly
/// (signed headers). The URL is already encoded (use it as is) and is a bearer secret until
/// <paramref name="ExpiresAt"/>: never log it.
/// </summary>
public sealed record PresignedRequest(string Method, string Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

/// <summary>A multipart upload just started: parts of <paramref name="PartSize"/> bytes, <paramref name="PartCount"/> of them.</summary>
public sealed record StartedUpload(string Key, string UploadId, long PartSize, int PartCount);

/// <summary>A presigned URL for one part (PUT the part's bytes, read the <c>ETag</c> response header).</summary>
public sealed record PresignedPart(int PartNumber, string Url, DateTimeOffset ExpiresAt);

/// <summary>A part as the browser reports it after its PUT: number and ETag (quotes optional).</summary>
public sealed record CompletedPart(int PartNumber, string ETag);

/// <summary>A part the storage holds for an upload in progress (for resuming).</summary>
public sealed record UploadedPart(int PartNumber, string ETag, long Size, DateTimeOffset? LastModified);

/// <summary>A multipart upload in progress (to resume or to clean up).</summary>
public sealed record MultipartUploadInfo(string Key, string UploadId, DateTimeOffset? Initiated);

/// <summary>Uploads in progress under a prefix; <paramref name="Truncated"/> when more exist than were returned.</summary>
public sealed record MultipartUploadList(IReadOnlyList<MultipartUploadInfo> Uploads, bool Truncated);

/// <summary>An object written: its key, ETag (without quotes) and size when known.</summary>
public sealed record StoredObject(string Key, string? ETag, long? Size);
