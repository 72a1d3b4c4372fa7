using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace HikubePortal.Web.Components;

/// <summary>
/// MudBlazor's theme provider, whose style sheets are written once and shared. MudThemeProvider writes the theme as a
/// new string of about 12,000 characters on each render: CPU and garbage for every page served, and an open page (a
/// circuit) keeps the last one or two in its render trees for as long as it stays open (about 40 KB per page). This
/// one renders the same markup. A page being served reuses the theme written for its mode (statically rendered, the
/// mode is the one given); an open page writes it as MudBlazor does (its mode
/// may also come from the system's preference, through MudBlazor's script) and holds the equal copy already held.
/// </summary>
public sealed class PortalThemeProvider : MudThemeProvider
{
    /// <summary>One theme, light and dark, per process; a few more would be held, anything beyond is not kept.</summary>
    private const int MaxShared = 8;

    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);

    /// <summary>The theme written for each mode (light, dark) of a theme, for static renders.</summary>
    private static readonly ConditionalWeakTable<MudTheme, string?[]> Written = new();

    private static readonly MarkupString Scrollbar = new(BuildMudBlazorScrollbar());

    // MudThemeProvider's own markup between its scrollbar and theme styles (MudBlazor 9.14).
    private const string ChartStyle =
        "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    /// <summary>The mode the page gives (a static render's mode: only an open page's script can change it).</summary>
    private bool _darkGiven;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (parameters.TryGetValue<bool>(nameof(IsDarkMode), out var dark))
        {
            _darkGiven = dark;
        }
        return base.SetParametersAsync(parameters);
    }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        if (!DefaultScrollbar)
        {
            __builder.AddContent(0, Scrollbar);
        }
        __builder.AddMarkupContent(1, ChartStyle);
        __builder.AddContent(2, new MarkupString(RendererInfo.IsInteractive ? SharedCopy(BuildTheme()) : WrittenFor(GetTheme(), _darkGiven)));
    }

    private string WrittenFor(MudTheme theme, bool dark)
    {
        var modes = Written.GetValue(theme, _ => new string?[2]);
        return modes[dark ? 1 : 0] ??= SharedCopy(BuildTheme());
    }

    /// <summary>The copy of <paramref name="css"/> every page holds (the first one written, while there are few).</summary>
    internal static string SharedCopy(string css) =>
        Shared.TryGetValue(css, out var held) ? held
        : Shared.Count < MaxShared ? Shared.GetOrAdd(css, css)
        : css;
}
