using HikubePortal.Application.Common;

namespace HikubePortal.Application.Objects;

/// <summary>
/// Where a move of several objects and folders puts each object: its name (or its path inside a moved folder) under
/// the destination folder. A move that would put a folder inside itself, or change nothing, is refused in words.
/// </summary>
public static class ObjectMoves
{
    /// <summary>The most objects one move may touch (folders counted with everything under them).</summary>
    public const int MaxObjects = 1000;

    /// <summary>The destination of <paramref name="key"/>, moved from <paramref name="sourceFolder"/> into <paramref name="destinationFolder"/>.</summary>
    public static string Destination(string key, string sourceFolder, string destinationFolder) =>
        destinationFolder + (key.StartsWith(sourceFolder, StringComparison.Ordinal) ? key[sourceFolder.Length..] : key);

    /// <summary>Checks the destination folder against what is moved; answers it normalised.</summary>
    public static string CheckDestination(string? destinationFolder, IReadOnlyList<string> keys, IReadOnlyList<string> folders)
    {
        var destination = ObjectKey.NormalizeFolder((destinationFolder ?? string.Empty).Trim().TrimStart('/'));
        if (destination.Length > 0)
        {
            ObjectKey.EnsureCreatable(destination, "destination");
        }
        if (keys.Count + folders.Count == 0)
        {
            throw InvalidException.For("destination", "Choose the files or folders to move.");
        }
        if (folders.FirstOrDefault(f => destination.StartsWith(f, StringComparison.Ordinal)) is { } into)
        {
            throw InvalidException.For("destination", $"A folder cannot be moved into itself ({into}).");
        }
        if (keys.Select(ObjectKey.ParentOf).Concat(folders.Select(ObjectKey.ParentOf)).All(parent => parent == destination))
        {
            throw InvalidException.For("destination", "Everything chosen is already in this folder.");
        }
        return destination;
    }
}
