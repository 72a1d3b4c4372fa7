namespace HikubePortal.Web.Components;

/// <summary>Light, dark, or as the operating system says.</summary>
public enum ThemePreference
{
    System,
    Light,
    Dark,
}

/// <summary>The user's theme choice, kept in a cookie so the first (prerendered) paint already has it.</summary>
public static class ThemePreferences
{
    /// <summary>Cookie name; written by <c>portal.js</c> (<c>hikube.setTheme</c>).</summary>
    public const string Cookie = "hikube.theme";

    public static ThemePreference Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies[Cookie] switch
        {
            "light" => ThemePreference.Light,
            "dark" => ThemePreference.Dark,
            _ => ThemePreference.System,
        };
    }

    public static string Value(ThemePreference preference) => preference switch
    {
        ThemePreference.Light => "light",
        ThemePreference.Dark => "dark",
        _ => "system",
    };
}
