namespace HikubePortal.Application.Objects;

/// <summary>
/// What HEAD and GetObjectTagging say about an object. <paramref name="Metadata"/> are the user
/// metadata (<c>x-amz-meta-*</c>, without the prefix); <paramref name="Tags"/> is null when the
/// credentials may not read tags.
/// </summary>
public sealed record ObjectDetails(
    string Key,
    long Size,
    string? ContentType,
    string? ETag,
    DateTimeOffset? LastModified,
    string? StorageClass,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, string>? Tags);

/// <summary>The first bytes of an object, for previews. <paramref name="Truncated"/> when the object is longer.</summary>
public sealed record ObjectPreview(byte[] Content, long TotalSize, string? ContentType, bool Truncated);

/// <summary>A byte range of an object: <paramref name="From"/> to <paramref name="To"/> inclusive (null: to the end).</summary>
public sealed record ObjectByteRange(long From, long? To = null);

/// <summary>
/// An object opened for reading, streamed from the storage (never buffered whole). Dispose it to
/// release the connection. <see cref="ContentRange"/> is set for a ranged read (<c>bytes a-b/total</c>).
/// </summary>
public sealed class ObjectContent(
    Stream content,
    long length,
    string contentType,
    string? eTag,
    DateTimeOffset? lastModified,
    string? contentRange,
    IDisposable? owner = null) : IDisposable, IAsyncDisposable
{
    public Stream Content { get; } = content;

    /// <summary>Bytes in <see cref="Content"/> (the range length for a ranged read).</summary>
    public long Length { get; } = length;

    public string ContentType { get; } = contentType;

    public string? ETag { get; } = eTag;

    public DateTimeOffset? LastModified { get; } = lastModified;

    public string? ContentRange { get; } = contentRange;

    public void Dispose()
    {
        Content.Dispose();
        owner?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        owner?.Dispose();
    }
}
