using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HikubePortal.Application.Common;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>
/// The S3 calls the adapter made, by operation, read from its metrics as an exporter would (process-wide: a test
/// compares before and after, for an operation no other test class makes through the adapter).
/// </summary>
internal static class StorageCalls
{
    private static readonly ConcurrentDictionary<string, long> Counts = new(StringComparer.Ordinal);
    private static readonly MeterListener Listener = Start();

    public static long Of(string operation)
    {
        GC.KeepAlive(Listener);
        return Counts.GetValueOrDefault(operation);
    }

    private static MeterListener Start()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument == PortalMetrics.StorageOperations)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "operation", Value: string operation })
                {
                    Counts.AddOrUpdate(operation, value, (_, count) => count + value);
                }
            }
        });
        listener.Start();
        return listener;
    }
}
