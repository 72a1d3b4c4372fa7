namespace HikubePortal.Storage.Uploads;

/// <summary>
/// A request body passed on as exactly <c>length</c> bytes: reads past it end the stream, a body that ends early is
/// an error (the storage would otherwise wait for bytes that never come). It reports its length so the SDK sends it
/// as it reads, without buffering.
/// </summary>
internal sealed class LengthLimitedStream(Stream inner, long length) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var left = length - _read;
        if (left <= 0 || buffer.Length == 0)
        {
            return 0;
        }
        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, left)], cancellationToken);
        if (n == 0)
        {
            throw new IOException($"The part ended after {_read} of {length} bytes.");
        }
        _read += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
