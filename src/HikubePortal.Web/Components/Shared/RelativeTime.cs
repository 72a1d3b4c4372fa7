using System.Globalization;

namespace HikubePortal.Web.Components;

/// <summary>Times in plain words: "just now", "5 minutes ago", "in 7 days", else the date.</summary>
public static class RelativeTime
{
    public static string Describe(DateTimeOffset value, DateTimeOffset now)
    {
        var delta = value - now;
        var future = delta > TimeSpan.Zero;
        var span = future ? delta : -delta;
        string amount;
        if (span < TimeSpan.FromMinutes(1))
        {
            return future ? "in a moment" : "just now";
        }
        else if (span < TimeSpan.FromHours(1))
        {
            amount = Plural((int)span.TotalMinutes, "minute");
        }
        else if (span < TimeSpan.FromDays(1))
        {
            amount = Plural((int)span.TotalHours, "hour");
        }
        else if (span < TimeSpan.FromDays(30))
        {
            amount = Plural((int)span.TotalDays, "day");
        }
        else
        {
            return value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return future ? $"in {amount}" : $"{amount} ago";
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
