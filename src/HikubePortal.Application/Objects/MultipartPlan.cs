using HikubePortal.Application.Common;

namespace HikubePortal.Application.Objects;

/// <summary>
/// Part sizing for multipart uploads: S3 allows at most 10,000 parts of 5 MiB to 5 GiB (the last
/// part may be smaller) and objects up to 5 TiB. Parts are whole MiB, at least
/// <see cref="PreferredPartSize"/>, and grow only as far as a file needs to stay within 10,000 parts.
/// </summary>
public static class MultipartPlan
{
    public const long MiB = 1024 * 1024;
    public const long MinPartSize = 5 * MiB;
    public const long MaxPartSize = 5 * 1024 * MiB;
    public const int MaxParts = 10_000;
    public const long MaxObjectSize = 5 * 1024 * 1024 * MiB;

    /// <summary>The part size for files that fit 10,000 parts of it (up to about 156 GiB).</summary>
    public const long PreferredPartSize = 16 * MiB;

    /// <summary>The largest buffer a streamed upload uses for one part.</summary>
    public const long MaxStreamingPartSize = 1024 * MiB;

    /// <summary>The part size for an object of <paramref name="objectSize"/> bytes.</summary>
    public static long PartSizeFor(long objectSize) => Math.Max(MinimumPartSizeFor(objectSize), PreferredPartSize);

    /// <summary>The smallest part size (whole MiB, at least 5 MiB) that fits an object in 10,000 parts.</summary>
    public static long MinimumPartSizeFor(long objectSize)
    {
        EnsureSize(objectSize);
        var needed = (objectSize + MaxParts - 1) / MaxParts;
        return Math.Clamp((needed + MiB - 1) / MiB * MiB, MinPartSize, MaxPartSize);
    }

    /// <summary>How many parts of <paramref name="partSize"/> an object of <paramref name="objectSize"/> bytes takes (at least 1).</summary>
    public static int PartCount(long objectSize, long partSize)
    {
        EnsureSize(objectSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(partSize, MinPartSize);
        return (int)Math.Max(1, (objectSize + partSize - 1) / partSize);
    }

    /// <summary>
    /// The size of part <paramref name="partNumber"/> (1-based) when the total length is unknown
    /// (a stream, read into one buffer per part): <see cref="PreferredPartSize"/>, doubled after
    /// every 800 parts up to <see cref="MaxStreamingPartSize"/>, so small streams use small buffers
    /// and 10,000 parts still carry more than 5 TiB.
    /// </summary>
    public static long StreamingPartSize(int partNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partNumber, MaxParts);
        return Math.Min(PreferredPartSize << Math.Min((partNumber - 1) / 800, 6), MaxStreamingPartSize);
    }

    private static void EnsureSize(long objectSize)
    {
        if (objectSize is < 0 or > MaxObjectSize)
        {
            throw InvalidException.For("size", "A file can be at most 5 TiB.");
        }
    }
}
