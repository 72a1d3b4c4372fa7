namespace HikubePortal.Application.Objects;

/// <summary>Zips objects into a stream as they are read: one object at a time, never a whole file in memory.</summary>
public interface IObjectArchive
{
    /// <summary>
    /// Writes a zip of the requested keys and folders to <paramref name="output"/> (which may be a
    /// non-seekable response body). Objects that cannot be read are skipped and listed in the
    /// summary and in an entry <c>UNREADABLE-FILES.txt</c>.
    /// </summary>
    Task<ZipSummary> WriteZipAsync(BucketAccess access, ZipRequest request, Stream output, CancellationToken cancellationToken);
}
