using HikubePortal.Storage.Archive;

namespace HikubePortal.UnitTests.Storage;

public sealed class AsyncDrainStreamTests
{
    [Fact]
    public async Task Synchronous_writes_are_held_and_sent_asynchronously_in_order()
    {
        var output = new RecordingSink();
        await using var bridge = new AsyncDrainStream(output);

        bridge.Write([1, 2]);
        await bridge.WriteAsync(new byte[] { 3 });
#pragma warning disable CA1849 // the synchronous flush is what ZipArchive calls: it must not reach the output
        bridge.Flush();
#pragma warning restore CA1849
        Assert.Empty(output.Written);

        await bridge.DrainAsync(default);
        bridge.Write([4]);
        await bridge.FlushAsync();

        Assert.Equal([1, 2, 3, 4], output.Written);
        Assert.Equal(0, output.SyncCalls);
    }

    [Fact]
    public async Task Large_asynchronous_writes_drain_without_waiting_for_an_explicit_drain()
    {
        var output = new RecordingSink();
        await using var bridge = new AsyncDrainStream(output);

        await bridge.WriteAsync(new byte[100_000]);

        Assert.Equal(100_000, output.Written.Count);
    }

    private sealed class RecordingSink : Stream
    {
        public List<byte> Written { get; } = [];

        public int SyncCalls { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.AddRange(buffer.ToArray());
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => SyncCalls++;

        public override void Flush() => SyncCalls++;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
