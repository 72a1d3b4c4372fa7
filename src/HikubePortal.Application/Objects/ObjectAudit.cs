using System.Globalization;

namespace HikubePortal.Application.Objects;

/// <summary>How object actions name their target in the audit log: <c>bucket/key</c>, clipped to the column's size.</summary>
internal static class ObjectAudit
{
    private const int MaxLength = 1024;

    public static string Target(string bucket, string key) => Clip($"{bucket}/{key}");

    public static string Clip(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";

    /// <summary>A multi-object delete: how many, a few names, failures.</summary>
    public static string Many(IReadOnlyCollection<string> keys, DeleteResult result)
    {
        var sample = string.Join(", ", keys.Take(5));
        var more = keys.Count > 5 ? $" and {keys.Count - 5} more" : string.Empty;
        var failed = result.FailedCount > 0 ? $"; {result.FailedCount} failed" : string.Empty;
        return Clip($"{result.Deleted} of {keys.Count} objects: {sample}{more}{failed}");
    }

    public static string Describe(TimeSpan lifetime) =>
        lifetime.TotalDays >= 1 && lifetime.TotalDays == Math.Floor(lifetime.TotalDays) ? Plural((int)lifetime.TotalDays, "day")
        : lifetime.TotalHours >= 1 && lifetime.TotalHours == Math.Floor(lifetime.TotalHours) ? Plural((int)lifetime.TotalHours, "hour")
        : Plural((int)Math.Round(lifetime.TotalMinutes), "minute");

    private static string Plural(int count, string unit) =>
        count == 1 ? $"1 {unit}" : $"{count.ToString(CultureInfo.InvariantCulture)} {unit}s";
}
