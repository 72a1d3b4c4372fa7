using System.Globalization;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>Sizes in binary units and times in words, as the bucket pages show them.</summary>
public static class BucketFormat
{
    private static readonly string[] Units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary><c>512 bytes</c>, <c>4.2 MiB</c>, <c>1.0 GiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes == 1 ? "1 byte" : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";
        }
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return $"{value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture)} {Units[unit]}";
    }

    /// <summary><c>1 object</c>, <c>12,345 objects</c>.</summary>
    public static string Count(long count, string singular, string plural) =>
        count == 1 ? $"1 {singular}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {plural}";

    /// <summary><c>just now</c>, <c>5 minutes ago</c>, <c>3 days ago</c>, then the date.</summary>
    public static string Age(DateTimeOffset value, DateTimeOffset now)
    {
        var span = now - value;
        if (span < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }
        if (span < TimeSpan.FromHours(1))
        {
            return Ago((int)span.TotalMinutes, "minute");
        }
        if (span < TimeSpan.FromDays(1))
        {
            return Ago((int)span.TotalHours, "hour");
        }
        return span < TimeSpan.FromDays(60)
            ? Ago((int)span.TotalDays, "day")
            : value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>The exact time, UTC: <c>2026-11-21 14:05:09 UTC</c>.</summary>
    public static string Exact(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string Ago(int count, string unit) => count == 1 ? $"1 {unit} ago" : $"{count} {unit}s ago";
}
