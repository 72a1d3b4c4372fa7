using Microsoft.Extensions.Options;

namespace HikubePortal.Storage.Uploads;

/// <summary>
/// How many parts pass through the portal at once (the streamed fallback buffers each part it passes on): past
/// <see cref="ObjectStorageOptions.StreamedPartsInFlight"/>, a part waits for a slot.
/// </summary>
internal sealed class StreamedParts(IOptions<ObjectStorageOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.StreamedPartsInFlight);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
