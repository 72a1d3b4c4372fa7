using System.IO.Compression;
using System.Text;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Storage.Reading;

namespace HikubePortal.Storage.Archive;

/// <summary>
/// Streams a zip: each object is read from S3 and copied into its entry through a small buffer, with
/// the asynchronous <see cref="ZipArchive"/> API behind an <see cref="AsyncDrainStream"/> (the response
/// body of a web request allows no synchronous writes). Folder prefixes are listed page by page as
/// the zip is written.
/// </summary>
internal sealed class ObjectZipWriter(ObjectReader reader, KeyEnumerator keys) : IObjectArchive
{
    private const string FailuresEntry = "UNREADABLE-FILES.txt";
    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ZipEnd = new(2107, 12, 30, 0, 0, 0, TimeSpan.Zero);

    public async Task<ZipSummary> WriteZipAsync(BucketAccess access, ZipRequest request, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var names = new ZipEntryNames(ObjectKey.NormalizeFolder(request.BasePrefix));
        var failed = new List<string>();
        var entries = 0;
        long bytes = 0;
        await using var bridge = new AsyncDrainStream(output);
        var zip = await ZipArchive.CreateAsync(bridge, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            await foreach (var key in keys.EnumerateAsync(access, request, cancellationToken))
            {
                if (key.EndsWith('/'))
                {
                    zip.CreateEntry(names.For(key));
                    entries++;
                    continue;
                }
                var written = await TryAddAsync(zip, access, key, names, cancellationToken);
                await bridge.DrainAsync(cancellationToken);
                if (written is null)
                {
                    failed.Add(key);
                    continue;
                }
                entries++;
                bytes += written.Value;
            }
            if (failed.Count > 0)
            {
                await AddFailuresAsync(zip, failed, cancellationToken);
            }
        }
        await bridge.FlushAsync(cancellationToken);
        return new ZipSummary(entries, bytes, failed);
    }

    private async Task<long?> TryAddAsync(ZipArchive zip, BucketAccess access, string key, ZipEntryNames names, CancellationToken cancellationToken)
    {
        ObjectContent content;
        try
        {
            content = await reader.OpenReadAsync(access, key, range: null, cancellationToken);
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            return null;
        }
        await using (content)
        {
            var entry = zip.CreateEntry(names.For(key), ZipEntryNames.LevelFor(key));
            entry.LastWriteTime = Clamp(content.LastModified);
            await using var target = await entry.OpenAsync(cancellationToken);
            await content.Content.CopyToAsync(target, 128 * 1024, cancellationToken);
            return content.Length;
        }
    }

    private static async Task AddFailuresAsync(ZipArchive zip, List<string> failed, CancellationToken cancellationToken)
    {
        var text = "These objects could not be read (deleted meanwhile, or not allowed):\n" + string.Join('\n', failed) + "\n";
        await using var target = await zip.CreateEntry(FailuresEntry).OpenAsync(cancellationToken);
        await target.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
    }

    private static DateTimeOffset Clamp(DateTimeOffset? value) =>
        value is null ? ZipEpoch : value < ZipEpoch ? ZipEpoch : value > ZipEnd ? ZipEnd : value.Value;
}
