using System.Globalization;
using HikubePortal.Application.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace HikubePortal.Web.Components;

/// <summary>
/// Values a page takes from its address (filters, page number, page size, sort), parsed leniently: a value that cannot
/// be used (not a number, out of range, too long, control characters, not one of the names) gets the default, with a
/// notice in words where the page shows one, never an error page. Every page reads its query values through here.
/// Addresses are written back the same way, so a reload or a pasted link lands on the same view.
/// </summary>
public static class QueryValues
{
    /// <summary>The most digits a number in an address has (more is out of range whatever it says).</summary>
    private const int MaxDigits = 9;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> (digits only); anything else is null.</summary>
    public static int? Number(string? value, int min, int max)
    {
        var digits = value?.Trim();
        // Digits only: the framework's parser would also take a trailing NUL ("1\0" is 1).
        return digits is { Length: > 0 and <= MaxDigits } && digits.All(char.IsAsciiDigit)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : null;
    }

    /// <summary>One of <typeparamref name="TEnum"/>'s names in any case (never a number); anything else is null.</summary>
    public static TEnum? Choice<TEnum>(string? value) where TEnum : struct, Enum =>
        value is { Length: > 0 and <= 64 } && Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TEnum>(name)
            : null;

    /// <summary>A page number from 1 to <see cref="FilterText.MaxPage"/>; anything else is page 1.</summary>
    public static int Page(string? value, ICollection<string> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1;
        }
        if (Number(value, 1, FilterText.MaxPage) is { } page)
        {
            return page;
        }
        notices.Add("The address asks for a page that does not exist: this is the first page.");
        return 1;
    }

    /// <summary>Filter text without control characters, trimmed, at most <see cref="FilterText.MaxLength"/> characters.</summary>
    public static string? Text(string? value, string what, ICollection<string> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var clean = FilterText.Clean(value, out var changed);
        if (changed)
        {
            notices.Add($"The {what} filter in the address had characters that cannot be searched for: they were left out.");
        }
        return clean;
    }

    /// <summary>A day written year-month-day; anything else is no date.</summary>
    public static DateOnly? Date(string? value, string what, ICollection<string> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        notices.Add($"The {what} date in the address is not a date (year-month-day): it is left out.");
        return null;
    }

    /// <summary>A day as an address and a date input write it.</summary>
    public static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><paramref name="path"/> with the values that are set, in this order.</summary>
    public static string Url(string path, params (string Key, string? Value)[] values) =>
        QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => KeyValuePair.Create(v.Key, v.Value)));

    /// <summary>A page number for an address: nothing for the first page.</summary>
    public static string? Format(int page) => page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null;
}
