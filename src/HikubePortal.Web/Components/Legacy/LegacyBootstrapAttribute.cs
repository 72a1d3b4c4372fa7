namespace HikubePortal.Web.Components.Legacy;

/// <summary>
/// A static SSR page of the former Bootstrap + htmx frame (the object browser until it moves to MudBlazor): App.razor
/// gives it those styles and scripts instead of MudBlazor's.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LegacyBootstrapAttribute : Attribute;
