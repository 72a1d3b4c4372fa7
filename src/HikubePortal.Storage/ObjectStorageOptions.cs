using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Storage;

/// <summary>Settings of the S3 storage adapter (section <c>ObjectStorage</c>).</summary>
public sealed class ObjectStorageOptions
{
    public const string Section = "ObjectStorage";

    /// <summary>How many S3 clients (one per credential) stay cached.</summary>
    [Range(1, 100_000)]
    public int ClientCacheSize { get; set; } = 500;

    /// <summary>A cached client unused this long is disposed.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ClientIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Timeout of one HTTP request (one attempt) to the storage; the deadlines below bound a whole call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Deadline of a read or small change on a user's path (list, head, settings, tags, one delete), retries included:
    /// a storage that does not answer is said in words after this long instead of holding the page.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Deadline of a long write that must finish (an upload or a part through the portal, a copy, completing a multipart
    /// upload, a batch delete), retries included. Bytes downloaded through the portal are not bounded: only their first
    /// answer is, by <see cref="ReadTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan TransferTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries of a failed request (throttling, 5xx, network).</summary>
    [Range(0, 10)]
    public int MaxErrorRetry { get; set; } = 2;

    /// <summary>Lifetime of a download link (the browser follows it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "12:00:00")]
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a presigned upload URL (single PUT or one part).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan UploadLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Objects above this size are copied part by part (S3 refuses a single copy above 5 GiB).</summary>
    [Range(5L * 1024 * 1024, 5L * 1024 * 1024 * 1024)]
    public long MultipartCopyThreshold { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// Parts of streamed uploads (browsers that cannot reach the storage) the portal holds at once, one buffer each:
    /// with 16 MiB parts, 8 in flight take at most 128 MiB.
    /// </summary>
    [Range(1, 256)]
    public int StreamedPartsInFlight { get; set; } = 8;

    /// <summary>Smallest part of a multipart copy (each part is one server-side request).</summary>
    [Range(5L * 1024 * 1024, 5L * 1024 * 1024 * 1024)]
    public long CopyPartSize { get; set; } = 512L * 1024 * 1024;
}
