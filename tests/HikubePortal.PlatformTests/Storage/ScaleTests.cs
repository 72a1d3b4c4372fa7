using Amazon.S3.Model;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleGroup
{
    public const string Name = "storage at scale";
}

/// <summary>
/// The sizes users have: a folder of 100,000 objects (paged and deleted without ever holding it whole) and an object
/// larger than 5 GiB (the single-request limit), streamed in parts. Run alone: they load radosgw for a while.
/// </summary>
[Collection(ScaleGroup.Name)]
public sealed class ScaleTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    private const int FolderSize = 100_000;

    [Fact]
    public async Task A_folder_of_100000_objects_pages_through_every_key_once_and_deletes_in_batches()
    {
        var prefix = StorageFixture.NewPrefix() + "many/";
        await Parallel.ForEachAsync(Enumerable.Range(0, FolderSize), new ParallelOptions { MaxDegreeOfParallelism = 48 }, async (i, token) =>
            await fx.Admin.PutObjectAsync(new PutObjectRequest { BucketName = fx.Bucket, Key = $"{prefix}obj-{i:D6}", ContentBody = string.Empty }, token));

        var parent = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(ObjectKey.ParentOf(prefix), PageSize: 50), default);
        Assert.Equal([prefix], parent.Folders.Select(f => f.Prefix));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        string? pageToken = null;
        do
        {
            var page = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 1000, PageToken: pageToken), default);
            Assert.InRange(page.Objects.Count, 1, 1000);
            Assert.All(page.Objects, o => Assert.True(seen.Add(o.Key), $"{o.Key} listed twice"));
            pageToken = page.NextPageToken;
            pages++;
        }
        while (pageToken is not null);
        Assert.Equal(FolderSize, seen.Count);
        Assert.InRange(pages, FolderSize / 1000, FolderSize / 500);

        var searched = await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix, Search: "obj-0999", PageSize: 100), default);
        Assert.Equal(Enumerable.Range(99_900, 100).Select(i => $"{prefix}obj-{i:D6}"), searched.Objects.Select(o => o.Key));
        Assert.Null(searched.NextPageToken);

        var reports = new List<DeleteProgress>();
        var result = await fx.Storage.DeletePrefixAsync(fx.ReadWrite, prefix, new SynchronousProgress<DeleteProgress>(reports.Add), default);
        Assert.Equal((FolderSize, 0L), (result.Deleted, result.FailedCount));
        Assert.InRange(reports.Count, FolderSize / 1000, FolderSize / 500);
        Assert.Equal(reports.OrderBy(r => r.Deleted).Select(r => r.Deleted), reports.Select(r => r.Deleted));
        Assert.Empty((await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix, PageSize: 50), default)).Objects);
    }

    [Fact]
    public async Task An_object_larger_than_5_GiB_streams_up_in_parts_and_reads_back_by_range()
    {
        const long size = (5L << 30) + (3 << 20) + 17; // just over the 5 GiB single-PUT limit
        var key = StorageFixture.NewPrefix() + "disk image.raw";
        var uploaded = 0L;

        var stored = await fx.Uploads.UploadAsync(fx.ReadWrite, key, new PatternStream(size), "application/octet-stream",
            new SynchronousProgress<long>(bytes => uploaded = bytes), default);

        Assert.Equal(size, stored.Size);
        Assert.Equal(size, uploaded);
        var details = await fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default);
        Assert.Equal(size, details.Size);
        Assert.Matches("-[0-9]+$", details.ETag);
        foreach (var from in new[] { 0L, (5L << 30) - 4096, size - 1000 })
        {
            var to = Math.Min(size, from + 8192) - 1;
            await using var read = await fx.Storage.OpenReadAsync(fx.ReadOnly, key, new ObjectByteRange(from, to), default);
            using var bytes = new MemoryStream();
            await read.Content.CopyToAsync(bytes);
            Assert.Equal(PatternStream.Expected(from, (int)(to - from + 1)), bytes.ToArray());
        }
        await fx.Storage.DeleteAsync(fx.ReadWrite, key, default);
    }

    /// <summary>A forward-only stream of <paramref name="length"/> bytes whose content at any offset can be recomputed.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private static readonly byte[] Block = TestStreams.Bytes(1 << 20, seed: 7);
        private long _position;

        public static byte[] Expected(long from, int count)
        {
            var bytes = new byte[count];
            for (var i = 0; i < count; i++)
            {
                bytes[i] = At(from + i);
            }
            return bytes;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < count;)
            {
                // Copy the rest of the current 1 MiB block in one go, then mark it with the block number.
                var inBlock = (int)((_position + i) & ((1 << 20) - 1));
                var run = Math.Min(count - i, (1 << 20) - inBlock);
                Block.AsSpan(inBlock, run).CopyTo(buffer[i..]);
                var mark = (byte)((_position + i) >> 20);
                for (var j = i; j < i + run; j++)
                {
                    buffer[j] ^= mark;
                }
                i += run;
            }
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static byte At(long position) => (byte)(Block[position & ((1 << 20) - 1)] ^ (byte)(position >> 20));
    }
}
