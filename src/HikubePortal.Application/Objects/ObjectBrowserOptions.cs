using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Application.Objects;

/// <summary>Settings of the object browser (section <c>ObjectBrowser</c>).</summary>
public sealed class ObjectBrowserOptions
{
    public const string Section = "ObjectBrowser";

    /// <summary>
    /// Downloads go straight from the storage to the browser with a short-lived presigned link (true), or stream
    /// through the portal (false: for storages the browsers cannot reach).
    /// </summary>
    public bool DirectDownloads { get; set; } = true;

    /// <summary>
    /// Large objects are downloaded by the browser in ranges fetched in parallel (the portal's service worker assembles
    /// them into one file), when the bucket's CORS lets the portal's origin in. Off by default: on the local platform
    /// Chromium saved a file from a service worker at 100-170 MiB/s and from one presigned GET at 260-410 MiB/s (one
    /// radosgw stream gives curl 560 MiB/s), so parallel ranges only pay where one connection is slower than that (a
    /// distant storage, a per-connection limit). See docs/decisions/0009-ranged-downloads.md.
    /// </summary>
    public bool RangedDownloads { get; set; }

    /// <summary>
    /// With <see cref="RangedDownloads"/>, objects of at least this many bytes come by parallel ranges; smaller ones, and
    /// any the browser cannot fetch that way, by one presigned link.
    /// </summary>
    [Range(1L * 1024 * 1024, long.MaxValue)]
    public long RangedDownloadThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>Bytes per range of a ranged download (the browser holds at most <see cref="RangesInFlight"/> of them).</summary>
    [Range(1L * 1024 * 1024, 64L * 1024 * 1024)]
    public long RangeSize { get; set; } = 16L * 1024 * 1024;

    /// <summary>Ranges of one download fetched at the same time (browsers open at most 6 connections to one HTTP/1.1 host).</summary>
    [Range(1, 16)]
    public int RangesInFlight { get; set; } = 6;
}
