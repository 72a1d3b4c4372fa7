using Microsoft.AspNetCore.Components;

namespace HikubePortal.Web.Components;

/// <summary>
/// MudBlazor's markup for the pieces of the frame that only write classes, so that the frame every open page holds is
/// not a component each (each costs an open page two render trees of at least 32 frames for as long as it stays open).
/// </summary>
public static class FrameMarkup
{
    /// <summary>MudIcon's markup at its default size: <paramref name="path"/> is one of MudBlazor's icon constants.</summary>
    public static MarkupString Icon(string path) =>
        new($"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{path}</svg>");
}
