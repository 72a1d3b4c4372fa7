using System.Buffers;

namespace HikubePortal.Storage.Uploads;

/// <summary>The one pooled buffer a streamed upload holds: filled with a part, sent, refilled.</summary>
internal sealed class PartBuffer : IDisposable
{
    private byte[] _array = [];

    public int Filled { get; private set; }

    public ReadOnlyMemory<byte> Data => _array.AsMemory(0, Filled);

    /// <summary>Reads up to <paramref name="size"/> bytes (fewer only at the end of the stream).</summary>
    public async Task<int> FillAsync(Stream source, int size, CancellationToken cancellationToken)
    {
        if (_array.Length < size)
        {
            Return();
            _array = ArrayPool<byte>.Shared.Rent(size);
        }
        Filled = await source.ReadAtLeastAsync(_array.AsMemory(0, size), size, throwOnEndOfStream: false, cancellationToken);
        return Filled;
    }

    /// <summary>A read-only stream over the filled bytes, for one request.</summary>
    public MemoryStream AsStream() => new(_array, 0, Filled, writable: false);

    public void Dispose() => Return();

    private void Return()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }
}
