namespace HikubePortal.Application.Common;

/// <summary>
/// Free text typed into a list's filter (an email fragment, an action name): never a control character (a NUL byte
/// would reach PostgreSQL and fail the query), never longer than <see cref="MaxLength"/>, and pages that are numbers
/// the database can skip to.
/// </summary>
public static class FilterText
{
    /// <summary>The longest filter text accepted (an email address is at most 256 characters).</summary>
    public const int MaxLength = 256;

    /// <summary>The highest page number a list accepts.</summary>
    public const int MaxPage = 100_000;

    /// <summary>
    /// What pages do with text from an address: control characters removed, trimmed, cut at <see cref="MaxLength"/>,
    /// null when nothing is left. <paramref name="changed"/> says whether anything but spaces was removed.
    /// </summary>
    public static string? Clean(string? value, out bool changed)
    {
        changed = false;
        if (value is null)
        {
            return null;
        }
        var kept = value.Any(char.IsControl) ? new string([.. value.Where(c => !char.IsControl(c))]) : value;
        kept = kept.Trim();
        if (kept.Length > MaxLength)
        {
            kept = kept[..MaxLength];
        }
        changed = !string.Equals(kept, value.Trim(), StringComparison.Ordinal);
        return kept.Length == 0 ? null : kept;
    }

    /// <summary>What services do with filter text: refuse control characters and overlong text, in words.</summary>
    public static void Ensure(string field, string? value, string what)
    {
        if (value is null)
        {
            return;
        }
        if (value.Any(char.IsControl))
        {
            throw InvalidException.For(field, $"The {what} filter cannot contain control characters.");
        }
        if (value.Length > MaxLength)
        {
            throw InvalidException.For(field, $"The {what} filter is longer than {MaxLength} characters.");
        }
    }

    /// <summary>Refuses a page number outside 1..<see cref="MaxPage"/>, in words.</summary>
    public static void EnsurePage(int page)
    {
        if (page is < 1 or > MaxPage)
        {
            throw InvalidException.For("Page", $"There is no page {page}: pages go from 1 to {MaxPage}.");
        }
    }
}
