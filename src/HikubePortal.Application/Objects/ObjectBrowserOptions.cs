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
}
