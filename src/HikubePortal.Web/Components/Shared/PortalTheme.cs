using MudBlazor;

namespace HikubePortal.Web.Components;

/// <summary>
/// The portal's one theme: its accent (a calm blue that keeps 4.5:1 on white and on the dark background), light and
/// dark palettes, the system font stack (no web font to fetch), dense and quiet like a cloud console.
/// </summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5cad",
            Secondary = "#5c6b7a",
            Tertiary = "#00796b",
            Info = "#0b5cad",
            Success = "#15703a", // 4.5:1 on its own tinted chip, even under a dialog's backdrop
            Warning = "#9a5b00",
            Error = "#b3261e",
            AppbarBackground = "#0f2740",
            AppbarText = "#ffffff",
            Background = "#f6f8fa",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.82)",
            DrawerIcon = "rgba(0,0,0,0.70)",
            TextSecondary = "rgba(0,0,0,0.66)",
            ActionDefault = "rgba(0,0,0,0.66)",
            TableLines = "#e3e7eb",
            LinesDefault = "#dde2e7",
        },
        PaletteDark = new PaletteDark
        {
            // Light colours on a dark page: text on them (filled buttons, chips) is dark, or it falls below 4.5:1.
            Primary = "#8ab8ff",
            PrimaryContrastText = "#0b1b2c",
            SecondaryContrastText = "#0b1b2c",
            TertiaryContrastText = "#0b1b2c",
            InfoContrastText = "#0b1b2c",
            SuccessContrastText = "#0b1b2c",
            WarningContrastText = "#0b1b2c",
            ErrorContrastText = "#0b1b2c",
            Secondary = "#aab6c2",
            Tertiary = "#5fd1c0",
            Info = "#8ab8ff",
            Success = "#7bd88f",
            Warning = "#f2b35b",
            Error = "#ff8a80",
            AppbarBackground = "#0b1b2c",
            AppbarText = "#e8eef4",
            Background = "#121518",
            Surface = "#1b1f24",
            DrawerBackground = "#171a1e",
            DrawerText = "rgba(255,255,255,0.86)",
            DrawerIcon = "rgba(255,255,255,0.78)",
            TextPrimary = "rgba(255,255,255,0.90)",
            TextSecondary = "rgba(255,255,255,0.72)",
            ActionDefault = "rgba(255,255,255,0.74)",
            TableLines = "#2c3238",
            LinesDefault = "#333a41",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
            H4 = new H4Typography { FontSize = "1.75rem", FontWeight = "500", LineHeight = "1.3" },
            H5 = new H5Typography { FontSize = "1.35rem", FontWeight = "500" },
            H6 = new H6Typography { FontSize = "1.1rem", FontWeight = "500" },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", DrawerWidthLeft = "240px" },
    };
}
