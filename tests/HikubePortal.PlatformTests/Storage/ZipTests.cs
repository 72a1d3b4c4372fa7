using System.IO.Compression;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>A zip streamed into a forward-only, asynchronous-only sink (like a response body).</summary>
public sealed class ZipTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Zip_of_keys_and_a_folder_streams_every_object_once_with_safe_names()
    {
        var prefix = StorageFixture.NewPrefix();
        var files = new Dictionary<string, byte[]>
        {
            ["report.txt"] = "report"u8.ToArray(),
            ["photos/été.jpg"] = TestStreams.Bytes(300_000, seed: 5),
            ["photos/raw/a.bin"] = TestStreams.Bytes(3 * 1024 * 1024, seed: 6),
            ["photos/empty.txt"] = [],
        };
        foreach (var (name, body) in files)
        {
            await fx.Uploads.UploadAsync(fx.ReadWrite, prefix + name, new MemoryStream(body), null, null, default);
        }
        await fx.Storage.CreateFolderAsync(fx.ReadWrite, prefix + "photos/", "albums", default);
        var sink = new AsyncOnlySink();

        var summary = await fx.Archive.WriteZipAsync(fx.ReadOnly,
            new ZipRequest(prefix, [prefix + "report.txt", prefix + "photos/raw/a.bin", prefix + "gone.txt"], [prefix + "photos/"]), sink, default);

        Assert.Equal([prefix + "gone.txt"], summary.Failed);
        Assert.InRange(sink.LargestWrite, 1, 256 * 1024); // streamed, never a whole 3 MiB entry held
        Assert.Equal(files.Values.Sum(b => (long)b.Length), summary.Bytes);
        using var zip = new ZipArchive(new MemoryStream(sink.Written.ToArray()), ZipArchiveMode.Read);
        var entries = zip.Entries.ToDictionary(e => e.FullName);
        Assert.Equal(["UNREADABLE-FILES.txt", "photos/albums/", "photos/empty.txt", "photos/raw/a.bin", "photos/été.jpg", "report.txt"],
            entries.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, body) in files)
        {
            await using var entry = await entries[name].OpenAsync();
            using var read = new MemoryStream();
            await entry.CopyToAsync(read);
            Assert.Equal(body, read.ToArray());
        }
        using var failures = new StreamReader(await entries["UNREADABLE-FILES.txt"].OpenAsync());
        Assert.Contains(prefix + "gone.txt", await failures.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
