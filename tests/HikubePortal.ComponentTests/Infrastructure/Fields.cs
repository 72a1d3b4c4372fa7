using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;

namespace HikubePortal.ComponentTests.Infrastructure;

/// <summary>Finding form fields as people do: by their visible label.</summary>
internal static class Fields
{
    /// <summary>The input that the label reading <paramref name="label"/> (a required field's " *" aside) is for.</summary>
    public static IElement ByLabel<TComponent>(this IRenderedComponent<TComponent> component, string label)
        where TComponent : IComponent =>
        component.Find("#" + component.FindAll("label").First(l => l.TextContent.Trim().TrimEnd('*').Trim() == label).GetAttribute("for"));
}
