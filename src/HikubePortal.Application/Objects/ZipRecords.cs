namespace HikubePortal.Application.Objects;

/// <summary>What goes into a zip: keys and folder prefixes (recursive), named relative to <paramref name="BasePrefix"/>.</summary>
public sealed record ZipRequest(string BasePrefix, IReadOnlyList<string> Keys, IReadOnlyList<string> Prefixes);

/// <summary>What a zip got: entries written, bytes of object data, and keys that could not be read.</summary>
public sealed record ZipSummary(int Entries, long Bytes, IReadOnlyList<string> Failed);
