using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Web.Hosting;

/// <summary>Settings of browser uploads (section <c>Uploads</c>).</summary>
internal sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>
    /// true: browsers send files straight to the storage with presigned URLs the portal signs (the storage must
    /// be reachable from browsers and allow the portal's origin by CORS). false: files stream through the portal
    /// (bounded memory), for storage that browsers cannot reach.
    /// </summary>
    public bool Direct { get; set; } = true;

    /// <summary>Files of at least this many bytes are uploaded in parts (several in flight); smaller ones in one PUT.</summary>
    [Range(5L * 1024 * 1024, 5L * 1024 * 1024 * 1024)]
    public long MultipartThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>Files uploaded at the same time by one page.</summary>
    [Range(1, 16)]
    public int ParallelFiles { get; set; } = 3;

    /// <summary>
    /// The addresses browsers open the portal at (e.g. <c>https://portal.example.org</c>), allowed in buckets' CORS rules
    /// for direct uploads. Empty: the address of the request (its <c>Host</c>, as the proxy in front passes it on).
    /// </summary>
    public IReadOnlyList<string> PublicOrigins { get; set; } = [];

    /// <summary>Parts of one multipart upload sent at the same time.</summary>
    [Range(1, 16)]
    public int PartsInFlight { get; set; } = 4;
}
